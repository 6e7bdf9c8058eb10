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
import java.util.List;
import java.util.concurrent.Callable;

/** Runs the whole benchmark and writes the report. {@code bench/run.sh} is the way to call it. */
@Command(name = "hearth-bench", mixinStandardHelpOptions = true,
        description = "Hearth vs a bare Paho client vs Node-RED 4, against one Mosquitto on loopback.")
public final class BenchMain implements Callable<Integer> {
    /** Mosquitto as users run it, but without Nagle (else every hop waits ~40 ms) and with a queue that never drops silently. */
    static final List<String> BROKER_CONFIG = List.of("set_tcp_nodelay true", "sys_interval 1", "max_queued_messages 1000000");

    @Option(names = "--gateway-jar", required = true, description = "gateway/target/hearth.jar")
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
    @Option(names = "--subject", description = "Run only these subjects (hearth, floor, node-red); default all")
    List<String> only = new ArrayList<>();
    @Option(names = "--profile", description = "Record a JFR profile of every Hearth process (hearth.jfr in its run directory)")
    boolean profile;

    final Results results = new Results();
    private int repeatsDone;
    private int pinnedDone;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Instant began = Instant.now();
        Instant deadline = began.plusSeconds(budgetSeconds);
        JvmOptions jvm = JvmOptions.beside(gatewayJar);
        String loadBefore = loadAverage();
        Files.createDirectories(work);
        try (MosquittoBroker broker = startBroker()) {
            Subject.Environment env = new Subject.Environment(broker.url(), broker.port(), gatewayJar, benchJar.toAbsolutePath().toString(), nodeRed,
                    profile, jvm);
            try (Suite suite = new Suite(env, results, work, seconds(measureSeconds), seconds(warmupSeconds))) {
                runAll(suite, broker, deadline);
            }
        }
        if (engineJson != null) step("engine JMH figures", () -> EngineFigures.read(engineJson, results));
        Duration took = Duration.between(began, Instant.now());
        if (out != null) {
            String notesText = notes != null && Files.exists(notes) ? Files.readString(notes) : "";
            String run = commandLine() + "`; repeats done: " + repeatsDone + " of " + repeats + ", pinned: " + pinnedDone + " of "
                    + pinnedRepeats + "; load average (1, 5, 15 min) before: `" + loadBefore + "`, after: `" + loadAverage();
            Files.writeString(out, new Document(results, took, run, notesText, nodeRed, jvm).render());
            System.out.println("Wrote " + out + " in " + took.toSeconds() + " s");
        }
        return 0;
    }

    /**
     * Repeats of every measurement while another fits in the budget. The first repeat also runs the
     * pinned runs and the once-only figures (outbox, uplink outage): later repeats only narrow ranges.
     */
    private void runAll(Suite suite, MosquittoBroker broker, Instant deadline) throws Exception {
        List<Subject> subjects = subjects();
        Duration repeatCost = Duration.ZERO;
        for (int r = 1; r <= repeats && fits(repeatCost, deadline); r++) {
            Instant t = Instant.now();
            System.out.println("Repeat " + r + " of " + repeats);
            for (Subject s : subjects) runMain(suite, s);
            Duration once = r == 1 ? runOnce(suite, subjects) : Duration.ZERO;
            if (!smoke) {
                for (Subject s : subjects) runSaturation(suite, s);
                for (Subject s : subjects) runIngest(suite, s);
            }
            if (!smoke && hearthRuns()) {
                step("Hearth, embedded broker start-up", suite::embeddedStartup);
                step("Hearth, reconnect", () -> suite.reconnect(broker, Duration.ofSeconds(5)));
            }
            repeatCost = Duration.between(t, Instant.now()).minus(once);
            repeatsDone++;
        }
    }

    /** The pinned runs and the once-only figures; returns what they took. */
    private Duration runOnce(Suite suite, List<Subject> subjects) {
        Instant o = Instant.now();
        for (; pinnedDone < pinnedRepeats; pinnedDone++) {
            System.out.println("Pinned repeat " + (pinnedDone + 1) + " of " + pinnedRepeats);
            for (Subject s : subjects) step(s.label() + ", pinned", () -> suite.main(s, true, saturationPairs));
        }
        if (!smoke && hearthRuns()) {
            step("outbox figures", suite::outbox);
            if (outageSeconds > 0) step("Hearth, uplink outage", () -> suite.outage(Duration.ofSeconds(outageSeconds)));
        }
        return Duration.between(o, Instant.now());
    }

    private void runMain(Suite suite, Subject s) throws Exception {
        if (smoke) {
            suite.smoke(s, saturationPairs.get(0));
            return;
        }
        step(s.label() + ", latency, throughput and memory", () -> suite.main(s, false, saturationPairs));
    }

    private void runSaturation(Suite suite, Subject s) {
        for (int loops : saturationPairs) {
            if (loops > Suite.MAIN.pairs()) step(s.label() + ", saturation with " + loops + " pairs", () -> suite.saturation(s, loops));
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

    /** Runs one measurement; a failure is reported and the run goes on with the next. */
    private void step(String name, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.failed(name, e);
        } catch (Exception e) {
            System.err.println(name + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
            results.failed(name, e);
        }
    }

    private List<Subject> subjects() {
        List<Subject> list = new ArrayList<>(List.of(new Subject.Hearth(false, 0), new Subject.Floor()));
        if (nodeRed != null) list.add(new Subject.NodeRed(FreePort.loopback()));
        if (only.isEmpty()) return list;
        return list.stream().filter(s -> only.contains(s.label().toLowerCase())).toList();
    }

    private static MosquittoBroker startBroker() {
        MosquittoBroker.Builder b = MosquittoBroker.builder();
        BROKER_CONFIG.forEach(b::configLine);
        return b.start();
    }

    private String commandLine() {
        return String.format(java.util.Locale.ROOT, "--repeats %d --pinned-repeats %d --measure %s --warmup %s --saturation-pairs %s --outage %d",
                repeats, pinnedRepeats, measureSeconds, warmupSeconds,
                String.join(",", saturationPairs.stream().map(String::valueOf).toList()), outageSeconds);
    }

    /** Whether one more step costing about {@code last} ends before the deadline (the first always runs). */
    private static boolean fits(Duration last, Instant deadline) {
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
