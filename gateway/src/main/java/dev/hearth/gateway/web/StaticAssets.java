package dev.hearth.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A directory of dashboard files read from the jar into memory once (about 100 KB), served under a path that carries
 * a digest of all of them: {@code /app/3f9c…/main.js}. A new version of any file is a new path, so the browser may
 * keep them for a year and never runs stale code after an upgrade; the modules' relative imports stay inside the
 * same version. Another digest in the path is a 404, never another version's file.
 */
final class StaticAssets {
    /** Long enough to be "forever"; {@code immutable} spares the browser even the revalidation on reload. */
    static final String CACHE_FOREVER = "private, max-age=31536000, immutable";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json; charset=utf-8",
            "html", "text/html; charset=utf-8", "png", "image/png", "svg", "image/svg+xml");

    private final String prefix;
    private final Map<String, Buffer> files;

    private StaticAssets(String mount, Map<String, Buffer> files) {
        this.files = files;
        this.prefix = mount + "/" + digest(files).substring(0, 16);
    }

    /**
     * Every file of the resource directory {@code dir} that {@code include} accepts, mounted under {@code mount}; the
     * directory is found by {@code anchor}, one of its files (a jar need not list directories).
     */
    static StaticAssets load(String mount, String dir, String anchor, Predicate<String> include) {
        return of(mount, dir, list(dir, anchor).stream().filter(include).toList());
    }

    /** The named files of the resource directory {@code dir}. */
    static StaticAssets of(String mount, String dir, Collection<String> names) {
        Map<String, Buffer> files = new TreeMap<>();
        for (String name : names) files.put(name, Buffer.buffer(read(dir + "/" + name)));
        if (files.isEmpty()) throw new IllegalStateException("the dashboard's files " + dir + " are missing from the jar");
        return new StaticAssets(mount, files);
    }

    /** The versioned path the pages link to, e.g. {@code /app/3f9c0a1b2c3d4e5f}. */
    String prefix() {
        return prefix;
    }

    /** The route path matching this version's files. */
    String route() {
        return prefix + "/*";
    }

    void serve(RoutingContext ctx) {
        String name = ctx.normalizedPath().substring(prefix.length() + 1);
        Buffer file = files.get(name);
        if (file == null) {
            ctx.response().setStatusCode(404).putHeader("Cache-Control", "no-store").end("not found");
            return;
        }
        ctx.response().putHeader("Content-Type", TYPES.getOrDefault(extension(name), "application/octet-stream"))
                .putHeader("Cache-Control", CACHE_FOREVER).end(file);
    }

    static String extension(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String digest(Map<String, Buffer> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, body) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(body.getBytes());
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("the dashboard file " + resource + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file names directly in a resource directory, from the jar or (in the IDE and tests) the classes directory. */
    private static List<String> list(String dir, String anchor) {
        URL url = StaticAssets.class.getClassLoader().getResource(dir + "/" + anchor);
        if (url == null) throw new IllegalStateException("the dashboard's files " + dir + " are missing from the jar");
        try {
            if (url.getProtocol().equals("jar")) return listJar((JarURLConnection) url.openConnection(), dir);
            try (Stream<Path> paths = Files.list(Path.of(url.toURI()).getParent())) {
                return paths.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> listJar(JarURLConnection connection, String dir) throws IOException {
        connection.setUseCaches(false);
        List<String> names = new ArrayList<>();
        String start = dir + "/";
        try (JarFile jar = connection.getJarFile()) {
            jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(start) && n.length() > start.length() && n.indexOf('/', start.length()) < 0)
                    .forEach(n -> names.add(n.substring(start.length())));
        }
        return names;
    }
}
