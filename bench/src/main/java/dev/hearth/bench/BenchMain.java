package dev.hearth.bench;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs the whole benchmark and writes the report. {@code bench/run.sh} is the way to call it. */
@Command(name = "hearth-bench", mixinStandardHelpOptions = true,
        description = "Hearth vs Node-RED 4 (as installed and tuned), a bare mqtt.js client and a bare Paho client, against one Mosquitto on loopback.")
public final class BenchMain implements Callable<Integer> {
    /** Mosquitto as users run it, but without Nagle (else every hop waits ~40 ms) and with a queue that never drops silently. */
    static final List<String> BROKER_CONFIG = List.of("set_tcp_nodelay true", "sys_interval 1", "max_queued_messages 1000000");

    @Option(names = "--gateway-jar", required = true,
            description = "distribution/target/hearth/lib/hearth.jar (Hearth runs through the launcher, ../bin/hearth)")
    Path gatewayJar;
    @Option(names = "--bench-jar", required = true, description = "bench/target/hearth-bench.jar (runs the floor)")
    Path benchJar;
    @Option(names = "--node-red", description = "Directory holding node_modules/node-red; without it Node-RED is skipped")
    Path nodeRed;
    @Option(names = "--out", description = "Markdown report to write")
    Path out;
    @Option(names = "--notes", description = "Hand-written analysis appended to the report")
    Path notes;
    @Option(names = "--work", defaultValue = "bench/target/runs", description = "Where the subjects' configs and logs go")
    Path work;
    @Option(names = "--repeats", defaultValue = "3")
    int repeats;
    @Option(names = "--pinned-repeats", defaultValue = "1")
    int pinnedRepeats;
    @Option(names = "--measure", defaultValue = "2", description = "Seconds per measured run")
    double measureSeconds;
    @Option(names = "--warmup", defaultValue = "1", description = "Seconds of warm-up load")
    double warmupSeconds;
    @Option(names = "--qos", split = ",", defaultValue = "0,1",
            description = "QoS of the sensors' events (and of the peers' subscriptions and answers), one workload each; the first leads the report")
    List<Integer> qosList;
    @Option(names = "--saturation-pairs", split = ",", defaultValue = "64,250,1000",
            description = "Closed loops in flight for the throughput runs; counts above the main workload's 250 pairs run a workload of their own")
    List<Integer> saturationPairs;
    @Option(names = "--outage", defaultValue = "60", description = "Seconds the uplink broker is down in the outbox recovery run (0: skip it)")
    int outageSeconds;
    @Option(names = "--smoke", description = "Only checks the harness works: round trips and RSS, no warm-up, ingest or startup variants")
    boolean smoke;
    @Option(names = "--budget", defaultValue = "540",
            description = "Seconds the whole run may take; a repeat that would not fit is skipped and the report says so")
    int budgetSeconds;

    @Option(names = "--engine-json", description = "JMH results (-rf json) of bench/engine-jmh to include")
    Path engineJson;
    @Option(names = "--subject", description = "Run only these subjects (hearth, floor, mqtt.js, node-red, node-red-tuned); default all")
    List<String> only = new ArrayList<>();
    @Option(names = "--step", description = "Run only the steps whose name contains one of these, e.g. 'uplink outage' or 'ingest'")
    List<String> onlySteps = new ArrayList<>();
    @Option(names = "--profile", description = "Record a JFR profile of every Hearth process (hearth.jfr in its run directory)")
    boolean profile;
    @Option(names = "--hearth-jvm-option", description = "A JVM option added to Hearth's (JAVA_OPTS), e.g. a JFR recording with settings of "
            + "your own or -XX:+DumpPerfMapAtExit for perf; Hearth is then stopped with SIGTERM")
    List<String> hearthOptions = new ArrayList<>();

    private static final String OUTAGE_STEP = "Hearth, uplink outage";

    final Results results = new Results();
    private int repeatsDone;
    private int pinnedDone;
    private Instant deadline = Instant.MAX;
    /** What each step took last time: a repeat of it runs only if that much still fits in the budget. */
    private final Map<String, Duration> lastCost = new HashMap<>();
    private final Map<String, Integer> skipped = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Instant began = Instant.now();
        deadline = began.plusSeconds(budgetSeconds);
        JvmOptions jvm = JvmOptions.beside(gatewayJar);
        String loadBefore = loadAverage();
        // A directory of its own per run: a gateway must never start on an earlier run's database.
        work = Files.createDirectories(work.resolve(java.time.LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", java.util.Locale.ROOT))));
        try (MosquittoBroker broker = startBroker()) {
            Subject.Environment env = new Subject.Environment(broker.url(), broker.port(), gatewayJar, benchJar.toAbsolutePath().toString(), nodeRed,
                    profile, jvm, List.copyOf(hearthOptions));
            try (Suite suite = new Suite(env, results, work, seconds(measureSeconds), seconds(warmupSeconds))) {
                runAll(suite, broker);
            }
        }
        // Reading a file: never skipped for the budget (a step not run yet is estimated as long as the longest).
        if (engineJson != null) {
            try {
                EngineFigures.read(engineJson, results);
            } catch (Exception e) {
                results.failed("engine JMH figures", e);
            }
        }
        Duration took = Duration.between(began, Instant.now());
        if (out != null) {
            String notesText = notes != null && Files.exists(notes) ? Files.readString(notes) : "";
            String run = commandLine() + "`; repeats done: " + repeatsDone + " of " + repeats + ", pinned: " + pinnedDone + " of "
                    + pinnedRepeats + skippedText() + "; load average (1, 5, 15 min) before: `" + loadBefore + "`, after: `" + loadAverage();
            Files.writeString(out, new Document(results, took, run, notesText, nodeRed, jvm).render());
            System.out.println("Wrote " + out + " in " + took.toSeconds() + " s");
        }
        return 0;
    }

    /**
     * Repeats of every measurement, the main workload's first (at each QoS): its cells get their repeats before the
     * others get their second. The first repeat also runs the one-core runs and the once-only figures
     * (outbox, uplink outage). Any step runs only if what it took last time still fits in the budget.
     */
    private void runAll(Suite suite, MosquittoBroker broker) throws Exception {
        List<Subject> subjects = subjects();
        for (int r = 1; r <= repeats; r++) {
            System.out.println("Main workload, repeat " + r + " of " + repeats);
            for (int qos : qosList) {
                for (Subject s : subjects) runMain(suite, s, qos);
            }
            repeatsDone++;
            if (r > 1) continue;
            runOnce(suite, subjects);
            runOthers(suite, broker, subjects);
            // Issue 7's recovery figure last: the longest step, and no issue 19 target depends on it.
            if (!smoke && hearthRuns() && outageSeconds > 0) {
                step(OUTAGE_STEP, () -> suite.outage(Duration.ofSeconds(outageSeconds)));
            }
        }
        for (int r = 2; r <= repeats && !smoke; r++) {
            System.out.println("Other workloads, repeat " + r + " of " + repeats);
            runOthers(suite, broker, subjects);
        }
    }

    /** Saturation beyond the main workload's pairs (first QoS), ingest, and Hearth's embedded start-up and reconnect. */
    private void runOthers(Suite suite, MosquittoBroker broker, List<Subject> subjects) {
        if (smoke) return;
        for (Subject s : subjects) runSaturation(suite, s, qosList.get(0));
        // Ingest floods at QoS 0, where Nagle holds nothing back: the tuned Node-RED would repeat the installed one.
        for (Subject s : subjects) {
            if (!(s instanceof Subject.NodeRed n && n.tuned())) runIngest(suite, s);
        }
        if (hearthRuns()) {
            step("Hearth, embedded broker start-up", suite::embeddedStartup);
            step("Hearth, reconnect", () -> suite.reconnect(broker, Duration.ofSeconds(5)));
        }
    }

    /**
     * The one-core runs (the Pi-class projection: Hearth, the floor and Node-RED, the tuned one at QoS 1) and the
     * once-only figures.
     */
    private void runOnce(Suite suite, List<Subject> subjects) {
        for (; pinnedDone < pinnedRepeats; pinnedDone++) {
            System.out.println("One-core repeat " + (pinnedDone + 1) + " of " + pinnedRepeats);
            // Latency, CPU and memory: 1 and 64 pairs, not the larger counts.
            List<Integer> pinnedLoops = saturationPairs.stream().filter(n -> n <= 64).toList();
            for (int qos : qosList) {
                for (Subject s : subjects) {
                    if (!onOneCore(s, qos)) continue;
                    step(s.label() + ", QoS " + qos + ", one core", () -> suite.main(s, qos, true, pinnedLoops));
                }
            }
        }
        if (!smoke && hearthRuns()) step("outbox figures", suite::outbox);
    }

    /** Node-RED on one core as installed at QoS 0 and tuned at QoS 1 (its best at each); the bare mqtt.js client not. */
    private static boolean onOneCore(Subject s, int qos) {
        if (s instanceof Subject.MqttJs) return false;
        return !(s instanceof Subject.NodeRed n) || n.tuned() == (qos > 0);
    }

    private void runMain(Suite suite, Subject s, int qos) throws Exception {
        if (smoke) {
            suite.smoke(s, saturationPairs.get(0), qos);
            return;
        }
        step(s.label() + ", QoS " + qos + ", latency, throughput and memory", () -> suite.main(s, qos, false, saturationPairs));
    }

    private void runSaturation(Suite suite, Subject s, int qos) {
        for (int loops : saturationPairs) {
            if (loops > Suite.MAIN.pairs()) step(s.label() + ", QoS " + qos + ", saturation with " + loops + " pairs", () -> suite.saturation(s, loops, qos));
        }
    }

    private boolean hearthRuns() {
        return only.isEmpty() || only.contains("hearth");
    }

    private void runIngest(Suite suite, Subject s) {
        step(s.label() + ", ingest with 100 automations", () -> suite.ingest(s, 100, List.of(5_000, 25_000)));
        step(s.label() + ", ingest with 1,000 automations", () -> suite.ingest(s, 1_000, List.of()));
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs one measurement unless what it took last time (or, the first time, {@link #estimate}) no longer fits in the
     * budget; a failure is reported and the run goes on with the next.
     */
    private void step(String name, Step step) {
        if (!onlySteps.isEmpty() && onlySteps.stream().noneMatch(name::contains)) return;
        if (!fits(lastCost.getOrDefault(name, estimate(name)))) {
            skipped.merge(name, 1, Integer::sum);
            System.out.println("  skipped for the budget: " + name);
            return;
        }
        Instant t = Instant.now();
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.failed(name, e);
        } catch (Exception e) {
            System.err.println(name + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
            results.failed(name, e);
        } finally {
            lastCost.put(name, Duration.between(t, Instant.now()));
            System.out.printf(java.util.Locale.ROOT, "  (%s: %.1f s)%n", name, lastCost.get(name).toMillis() / 1e3);
        }
    }

    private String skippedText() {
        if (skipped.isEmpty()) return "";
        StringBuilder b = new StringBuilder("; repeats skipped to stay within the budget: ");
        skipped.forEach((name, n) -> b.append(name).append(" (").append(n).append("), "));
        return b.substring(0, b.length() - 2);
    }

    private List<Subject> subjects() {
        List<Subject> list = new ArrayList<>(List.of(new Subject.Hearth(false, 0)));
        if (nodeRed != null) {
            list.add(new Subject.NodeRed(FreePort.loopback(), false));
            list.add(new Subject.NodeRed(FreePort.loopback(), true));
            list.add(new Subject.MqttJs());
        }
        list.add(new Subject.Floor());
        if (only.isEmpty()) return list;
        return list.stream().filter(s -> only.contains(s.label().toLowerCase()) || only.contains(slug(s.label()))).toList();
    }

    static String slug(String label) {
        return label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-");
    }

    private static MosquittoBroker startBroker() {
        MosquittoBroker.Builder b = MosquittoBroker.builder();
        BROKER_CONFIG.forEach(b::configLine);
        return b.start();
    }

    private String commandLine() {
        return String.format(java.util.Locale.ROOT, "--qos %s --repeats %d --pinned-repeats %d --measure %s --warmup %s --saturation-pairs %s --outage %d",
                String.join(",", qosList.stream().map(String::valueOf).toList()), repeats, pinnedRepeats, measureSeconds, warmupSeconds,
                String.join(",", saturationPairs.stream().map(String::valueOf).toList()), outageSeconds);
    }

    /** A step not run yet: the outage takes its outage and ~20 s around it; any other about as long as the longest so far. */
    private Duration estimate(String name) {
        if (name.equals(OUTAGE_STEP)) return Duration.ofSeconds(outageSeconds + 20L);
        return lastCost.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Whether one more step costing about {@code last} ends before the deadline. */
    private boolean fits(Duration last) {
        return Instant.now().plus(last).isBefore(deadline);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
