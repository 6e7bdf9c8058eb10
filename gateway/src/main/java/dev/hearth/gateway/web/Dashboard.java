package dev.hearth.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.List;

/**
 * The dashboard's files, served from the jar (no build step): the sign-in page and its assets are public; the
 * dashboard and uPlot (from its WebJar) need a session. Scripts and styles live under paths versioned by their
 * content ({@link StaticAssets}) and are cached for good; the two HTML pages, which name those paths, are never cached.
 */
final class Dashboard {
    static final String HTML_CACHE = "no-cache";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final List<String> UPLOT_FILES = List.of("uPlot.iife.min.js", "uPlot.min.css");

    private final StaticAssets publicFiles = StaticAssets.load("/assets", "web/public", "login.html", name -> !name.endsWith(".html"));
    private final StaticAssets app = StaticAssets.load("/app", "web/app", "index.html", name -> !name.endsWith(".html"));
    private final StaticAssets uplot = StaticAssets.of("/vendor/uplot", "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist", UPLOT_FILES);

    void mountPublic(Router router) {
        Buffer login = page("web/public/login.html");
        router.get("/login").handler(ctx -> send(ctx, login));
        router.get(publicFiles.route()).handler(publicFiles::serve);
    }

    void mountPrivate(Router router) {
        Buffer index = page("web/app/index.html");
        router.get("/").handler(ctx -> send(ctx, index));
        router.get(app.route()).handler(app::serve);
        router.get(uplot.route()).handler(uplot::serve);
    }

    /**
     * The two HTML pages are read once, with the versioned paths filled in: answering from memory needs no worker
     * thread and no file cache, so a page is never left unanswered when either is busy or gone.
     */
    private Buffer page(String resource) {
        String html = new String(StaticAssets.read(resource), StandardCharsets.UTF_8)
                .replace("{{assets}}", publicFiles.prefix()).replace("{{app}}", app.prefix()).replace("{{uplot}}", uplot.prefix());
        return Buffer.buffer(html);
    }

    private static void send(RoutingContext ctx, Buffer page) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", HTML_CACHE).end(page);
    }

    static String uplotVersion() {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(UPLOT_POM)) {
            if (in == null) throw new IllegalStateException("the uPlot WebJar is missing from the classpath");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
