package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.time.Scheduler;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * Hot reload: watches the automations directory by polling (inotify is unreliable on the SD cards and network shares
 * a gateway lives on), reads a file whose content changed off the home's thread, and replaces that file's automations
 * in the engine ({@link Running}) on it, unless the file has problems or reuses another file's automation id: then
 * the previous version keeps running. Polling compares content digests, so an editor touching a file without
 * changing it reloads nothing.
 */
public final class AutomationReloader {
    private static final Logger log = LoggerFactory.getLogger(AutomationReloader.class);
    /** How often the automations directory is checked for edits. */
    public static final Duration EVERY = Duration.ofSeconds(2);

    /** Hears of every edited file, applied or refused, on the home's thread. */
    @FunctionalInterface
    public interface Listener {
        void reloaded(AutomationReload report);
    }

    /** The automations running now (the engine's), which a reload replaces file by file. */
    public interface Running {
        Optional<Automation> automation(String id);

        void replaceFile(String file, List<Automation> automations);

        /** {@code waiting}: the file's automations that name devices not known yet; they run once discovery finds them. */
        default void replaceFile(String file, List<Automation> automations, List<AutomationLoader.Waiting> waiting) {
            replaceFile(file, automations);
        }

        /** Those of {@code waiting} that name a device not known now (discovery may have found the others already). */
        default List<AutomationLoader.Waiting> stillUnknown(List<AutomationLoader.Waiting> waiting) {
            return waiting;
        }
    }

    /** What one changed file became: its automations, or the problems that keep the previous version running. */
    record Change(String file, String digest, List<Automation> automations, List<AutomationLoader.Waiting> waiting,
                  List<ConfigProblem> problems) {
        Change(String file, String digest, List<Automation> automations, List<ConfigProblem> problems) {
            this(file, digest, automations, List.of(), problems);
        }
    }

    private final Path dir;
    private final AutomationLoader loader;
    private final Running running;
    private final Listener listener;
    /** The files as last applied or refused; only touched on the home's thread. */
    private final Map<String, String> digests = new HashMap<>();
    /** The last failure of a whole check, logged once; only touched on the blocking thread, one check at a time. */
    private String lastFailure = "";

    public AutomationReloader(Path dir, AutomationLoader loader, Running running, Listener listener) {
        this.dir = dir;
        this.loader = loader;
        this.running = running;
        this.listener = listener;
    }

    /**
     * Remembers the files as loaded at start (so the first check reloads nothing), then checks every {@link #EVERY}:
     * files are read on {@code blocking}, changes applied on {@code home}, the engine's thread; the next check is
     * scheduled once a check is done, so two never overlap.
     */
    public void start(Executor blocking, Executor home, Scheduler scheduler) {
        blocking.execute(() -> {
            Map<String, String> atStart = currentDigests().orElse(Map.of());
            home.execute(() -> {
                digests.putAll(atStart);
                scheduler.schedule(EVERY, () -> check(blocking, home, scheduler));
            });
        });
    }

    private void check(Executor blocking, Executor home, Scheduler scheduler) {
        Map<String, String> before = Map.copyOf(digests);
        blocking.execute(() -> {
            List<Change> changes = changesOrNone(before);
            home.execute(() -> {
                changes.forEach(this::apply);
                scheduler.schedule(EVERY, () -> check(blocking, home, scheduler));
            });
        });
    }

    private void apply(Change c) {
        List<String> refused = new ArrayList<>(clashes(c));
        refused.addAll(wouldWait(c));
        AutomationReload report = report(c, refused);
        if (report.applied()) {
            // Automations that wait for devices are said once each, by the home (WaitingAutomations), not once per device name.
            running.replaceFile(c.file(), c.automations(), c.waiting());
            log.info("Reloaded {}: {}", c.file(), report.automations());
        } else {
            report.problems().forEach(p -> log.error("{}", p));
            log.error("{} not reloaded ({} problems); its previous version keeps running", c.file(), report.problems().size());
        }
        // A refused file is read again when it changes.
        if (c.digest() == null) digests.remove(c.file());
        else digests.put(c.file(), c.digest());
        listener.reloaded(report);
    }

    /**
     * A running automation edited to name a device nobody knows is more likely a typo than a device yet to be paired:
     * the edit is refused and the previous version keeps running.
     */
    private List<String> wouldWait(Change c) {
        return running.stillUnknown(c.waiting()).stream().filter(w -> running.automation(w.automation()).isPresent())
                .flatMap(w -> w.asProblems().stream()).map(ConfigProblem::toString).distinct().toList();
    }

    /** An id already used by an automation of another file. */
    private List<String> clashes(Change c) {
        return c.automations().stream()
                .filter(a -> running.automation(a.id()).filter(old -> !old.file().equals(c.file())).isPresent())
                .map(a -> a.source() + ":1: automation id '" + a.id() + "' is already defined in "
                        + running.automation(a.id()).orElseThrow().source())
                .toList();
    }

    /** A failure here must not end the checks: the next one tries again. Logged when it starts or changes, not every check. */
    private List<Change> changesOrNone(Map<String, String> before) {
        try {
            List<Change> changes = changes(before);
            lastFailure = "";
            return changes;
        } catch (RuntimeException | StackOverflowError e) {
            if (!e.toString().equals(lastFailure)) log.error("Automations in {} not checked for edits: {}", dir, e.toString());
            lastFailure = e.toString();
            return List.of();
        }
    }

    /** Reads every file that changed since {@code before}; none while the directory cannot be listed. */
    private List<Change> changes(Map<String, String> before) {
        Optional<Map<String, String>> listed = currentDigests();
        if (listed.isEmpty()) return List.of();
        Map<String, String> now = listed.get();
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) out.add(read(e.getKey(), e.getValue()));
        }
        for (String gone : before.keySet()) if (!now.containsKey(gone)) out.add(new Change(gone, null, List.of(), List.of()));
        return out;
    }

    /**
     * One edited file. A failure while reading it (a stack overflow on some hostile input, a bug) is that file's
     * problem, reported once for this version like any other, never the end of the checks or of the other files.
     */
    private Change read(String file, String digest) {
        Problems problems = new Problems();
        try {
            AutomationLoader.Loaded loaded = loader.loadFileAwaiting(Path.of(file), problems);
            return new Change(file, digest, loaded.automations(), loaded.waiting(), problems.list());
        } catch (RuntimeException | StackOverflowError e) {
            return new Change(file, digest, List.of(), List.of(new ConfigProblem(file, 1, 1, "could not be read: " + e)));
        }
    }

    /**
     * Each file's digest, followed by the digest of the blueprints folder: an edited blueprint changes every file, so
     * all are read again (unchanged automations keep their timers by fingerprint, see {@link Automation}).
     */
    private Optional<Map<String, String>> currentDigests() {
        Optional<Map<String, String>> files = digests(dir);
        Optional<Map<String, String>> blueprints = digests(dir.resolve(Blueprints.DIRECTORY));
        if (files.isEmpty() || blueprints.isEmpty()) return Optional.empty();
        String ofBlueprints = new TreeMap<>(blueprints.get()).toString();
        Map<String, String> out = new HashMap<>();
        files.get().forEach((file, digest) -> out.put(file, digest + " " + ofBlueprints));
        return Optional.of(out);
    }

    private Optional<Map<String, String>> digests(Path folder) {
        Map<String, String> out = new HashMap<>();
        if (!Files.isDirectory(folder)) return Optional.of(out);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(AutomationLoader::isAutomationFile).sorted().toList()) {
                try {
                    out.put(p.toString(), digest(p));
                } catch (IOException e) {
                    // being written or removed right now: the next check sees it
                }
            }
        } catch (IOException e) {
            log.warn("Automations directory {} not readable now: {}", folder, e.toString());
            return Optional.empty();
        }
        return Optional.of(out);
    }

    private static String digest(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static AutomationReload report(Change c, List<String> extraProblems) {
        List<String> problems = new ArrayList<>(c.problems().stream().map(ConfigProblem::toString).toList());
        problems.addAll(extraProblems);
        return new AutomationReload(c.file(), problems.isEmpty(), c.automations().stream().map(Automation::id).toList(), problems);
    }
}
