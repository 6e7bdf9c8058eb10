package dev.hearth.gateway.core;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.load.AutomationReload;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Watches the automations directory by polling (inotify is unreliable on the SD cards and network shares a gateway
 * lives on): a file whose content changed is read off the event loop, then handed to {@code apply} on it. Polling
 * compares content digests, so an editor touching a file without changing it reloads nothing.
 */
final class AutomationReloader {
    private final Vertx vertx;
    private final Path dir;
    private final AutomationLoader loader;
    private final Map<String, String> digests = new HashMap<>();
    private boolean scanning;

    /** What one changed file became: its automations, or the problems that keep the previous version running. */
    record Change(String file, String digest, List<Automation> automations, List<ConfigProblem> problems) {
    }

    AutomationReloader(Vertx vertx, Path dir, AutomationLoader loader) {
        this.vertx = vertx;
        this.dir = dir;
        this.loader = loader;
    }

    /** Remembers the files as loaded at start, so the first scan reloads nothing. */
    Future<Void> baseline() {
        return vertx.executeBlocking(() -> {
            digests.putAll(currentDigests());
            return null;
        });
    }

    /** Reads every file that changed since the last scan; empty if nothing did (or a scan is still running). */
    Future<List<Change>> scan() {
        if (scanning) return Future.succeededFuture(List.of());
        scanning = true;
        Map<String, String> before = Map.copyOf(digests);
        return vertx.executeBlocking(() -> changes(before)).andThen(r -> scanning = false);
    }

    private List<Change> changes(Map<String, String> before) throws IOException {
        Map<String, String> now = currentDigests();
        List<Change> out = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (e.getValue().equals(before.get(e.getKey()))) continue;
            Problems problems = new Problems();
            List<Automation> automations = loader.loadFile(Path.of(e.getKey()), problems);
            out.add(new Change(e.getKey(), e.getValue(), automations, problems.list()));
        }
        for (String gone : before.keySet()) if (!now.containsKey(gone)) out.add(new Change(gone, null, List.of(), List.of()));
        return out;
    }

    /** Called on the event loop once a change was handled, applied or refused: a refused file is read again when it changes. */
    void handled(Change change) {
        if (change.digest() == null) digests.remove(change.file());
        else digests.put(change.file(), change.digest());
    }

    private Map<String, String> currentDigests() throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(AutomationLoader::isAutomationFile).sorted().toList()) {
                try {
                    out.put(p.toString(), digest(p));
                } catch (IOException e) {
                    // being written or removed right now: the next scan sees it
                }
            }
        }
        return out;
    }

    private static String digest(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static AutomationReload report(Change c, List<String> extraProblems) {
        List<String> problems = new java.util.ArrayList<>(c.problems().stream().map(ConfigProblem::toString).toList());
        problems.addAll(extraProblems);
        return new AutomationReload(c.file(), problems.isEmpty(), c.automations().stream().map(Automation::id).toList(), problems);
    }
}
