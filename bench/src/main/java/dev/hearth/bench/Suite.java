package dev.hearth.bench;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** The measurements, run subject after subject against one broker, each subject in a fresh process. */
final class Suite implements AutoCloseable {
    /** Ingest, paced floods, embedded start-up and reconnect: QoS 0 sensors, every core. */
    static final String FREE = "ingest, paced floods and reconnect (all cores, QoS 0 sensors)";
    static final String ALL_CORES = "all cores";
    static final String ONE_CORE = "one core (taskset -c 0, and -XX:ActiveProcessorCount=1 for the JVMs)";
    static final String STARTUP = "start to first actuation, external broker";
    static final String READY = "start to ready (/health 200), external broker";
    static final String OUTBOX = "outbox (in process, H2)";
    static final String RECONNECT = "broker back to ready again, after a";
    static final String STARTUP_EMBEDDED = "start to first actuation, embedded broker";
    static final String RSS_IDLE = "RSS after warm-up, idle";
    static final String HEAP_IDLE = "heap used after warm-up, idle";
    static final String RSS_LOAD = "RSS peak under load";
    static final String HEAP_LOAD = "heap used after load";
    static final String INGEST_100 = "ingest, 100 automations";
    static final String INGEST_1000 = "ingest, 1,000 automations";

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration DRAIN = Duration.ofSeconds(10);
    static final int UPLINK_RATE = 1_000;
    /** Warm-up of a measured closed-loop run, after the process's own warm-up. */
    static final Duration WARM = Duration.ofMillis(300);

    /** 250 motion/light pairs and 500 temperature sensors: 1,000 devices, 500 automations. */
    static final Workload MAIN = new Workload("main", 250, 500, 0, 0);

    final Subject.Environment env;
    final Results results;
    private final Path workDir;
    final Duration measure;
    final Duration warmup;
    private int runs;
    /**
     * Listens from the broker's start: Mosquitto publishes a $SYS counter only when it changes (not
     * retained), so a client that subscribes later never learns a count that stayed at 0.
     */
    BrokerCounters counters;

    Suite(Subject.Environment env, Results results, Path workDir, Duration measure, Duration warmup) throws Exception {
        this.env = env;
        this.results = results;
        this.workDir = workDir.toAbsolutePath();
        this.measure = measure;
        this.warmup = warmup;
        this.counters = new BrokerCounters(env.brokerUrl());
    }

    /** The main workload's section: its sensors' QoS and the subject's cores. */
    static String section(int qos, boolean oneCore) {
        return "QoS " + qos + ", " + (oneCore ? ONE_CORE : ALL_CORES);
    }

    static String cpu(int pairs) {
        return "CPU per round trip, " + pairs + (pairs == 1 ? " pair" : " pairs");
    }

    static String latency(int pairs, String percentile) {
        return "round trip " + percentile + ", " + pairs + (pairs == 1 ? " pair" : " pairs");
    }

    static String throughput(int pairs) {
        return "round trips/s, " + pairs + " pairs";
    }

    /** Round trips per second in a workload of its own with {@code pairs} pairs (2 automations each). */
    static String saturated(int pairs) {
        return throughput(pairs) + " (" + String.format(java.util.Locale.ROOT, "%,d", 2 * pairs) + " automations)";
    }

    static String paced(int rate, String what) {
        return String.format(java.util.Locale.ROOT, "%,d msg/s through 100 automations: %s", rate, what);
    }

    /**
     * Latency, throughput, CPU, memory and (unpinned) startup with {@link #MAIN} at {@code qos}: 1 pair, then each
     * count of {@code loops} that fits the workload's pairs; the RSS peak is sampled during the largest.
     */
    void main(Subject subject, int qos, boolean pinned, List<Integer> loops) throws Exception {
        String section = section(qos, pinned);
        String who = subject.label();
        Workload w = MAIN.withQos(qos);
        List<Integer> counts = loops.stream().filter(n -> n > 1 && n <= w.pairs()).sorted().toList();
        try (ClosedLoop loop = new ClosedLoop(env.brokerUrl(), "bench-load", w.pairs(), qos)) {
            long started = System.nanoTime();
            try (SubjectProcess p = subject.start(env, w, runDir(subject), pinned)) {
                CompletableFuture<Long> ready = p.readyAt();
                long firstActuation = awaitUp(loop, p);
                if (!pinned) startup(section, who, p, ready, started, firstActuation);
                loop.prime(TIMEOUT);
                loop.run(counts.isEmpty() ? 1 : counts.get(0), Duration.ZERO, warmup, DRAIN);
                Thread.sleep(1_000);
                add(section, RSS_IDLE, "MiB", true, who, mib(p.rssKib()));
                if (p.heapUsedKib() >= 0) add(section, HEAP_IDLE, "MiB", true, who, mib(p.heapUsedKib()));
                timed(section, who, p, loop, 1, null);
                AtomicLong peak = new AtomicLong();
                for (int n : counts) {
                    boolean last = n == counts.get(counts.size() - 1);
                    timed(section, who, p, loop, n, last ? peak : null);
                }
                add(section, RSS_LOAD, "MiB", true, who, mib(Math.max(peak.get(), p.rssKib())));
                if (p.heapUsedKib() >= 0) add(section, HEAP_LOAD, "MiB", true, who, mib(p.heapUsedKib()));
                requireAlive(p);
            }
        }
    }

    /** Spawn to first actuation and, for Hearth, to /health 200 (nanoTimes). */
    private void startup(String section, String who, SubjectProcess p, CompletableFuture<Long> ready, long started, long firstActuation)
            throws Exception {
        add(section, STARTUP, "ms", true, who, (firstActuation - started) / 1e6);
        // The first actuation can come before /health says 200 (the dashboard starts beside the link).
        if (!p.reportsReadiness()) return;
        try {
            add(section, READY, "ms", true, who, (ready.get(10, TimeUnit.SECONDS) - started) / 1e6);
        } catch (TimeoutException e) {
            // Not ready within 10 s of its first actuation: the row stays empty and the run goes on.
        }
    }

    /** One measured run of {@code n} loops: its latencies, its rate (n > 1), the subject's CPU per round trip; RSS into {@code peak} if given. */
    private void timed(String section, String who, SubjectProcess p, ClosedLoop loop, int n, AtomicLong peak) throws Exception {
        CompletableFuture<Void> sampler = peak != null ? sampleRss(p, peak) : CompletableFuture.completedFuture(null);
        long cpuBefore = p.cpuTicks();
        ClosedLoop.Result r = loop.run(n, WARM, measure, DRAIN);
        long cpuAfter = p.cpuTicks();
        sampler.cancel(true);
        latencies(section, who, r);
        if (n > 1) add(section, throughput(n), "/s", false, who, r.perSecond());
        cpuPerRoundTrip(section, cpu(n), who, cpuBefore, cpuAfter, r);
    }

    /** The subject's CPU (all its threads) over a run divided by every answer of the run, in µs. */
    private void cpuPerRoundTrip(String section, String name, String who, long before, long after, ClosedLoop.Result r) {
        if (before < 0 || after < 0 || r.answered() == 0) return;
        add(section, name, "µs", true, who, (after - before) * 1e6 / SubjectProcess.TICKS_PER_SECOND / r.answered());
    }

    /**
     * Round trips per second with more loops in flight than the main workload has pairs: a workload of
     * {@code loops} pairs (2 automations each, no other sensors) in a process of its own.
     */
    void saturation(Subject subject, int loops, int qos) throws Exception {
        Workload w = new Workload("saturation", loops, 0, 0, qos);
        String who = subject.label();
        String section = section(qos, false);
        try (ClosedLoop loop = new ClosedLoop(env.brokerUrl(), "bench-load", w.pairs(), qos);
             SubjectProcess p = subject.start(env, w, runDir(subject), false)) {
            awaitUp(loop, p);
            loop.prime(TIMEOUT);
            loop.run(loops, Duration.ZERO, warmup, DRAIN);
            long cpuBefore = p.cpuTicks();
            ClosedLoop.Result r = loop.run(loops, WARM, measure, DRAIN);
            long cpuAfter = p.cpuTicks();
            if (r.count() == 0) throw new IllegalStateException(who + ": no round trip completed with " + loops + " pairs");
            add(section, saturated(loops), "/s", false, who, r.perSecond());
            add(section, latency(loops, "p99"), "ms", true, who, r.p99() / 1e3);
            cpuPerRoundTrip(section, cpu(loops), who, cpuBefore, cpuAfter, r);
            requireAlive(p);
        }
    }

    /** The least that shows the harness works: one subject answering, timed, with its RSS. */
    void smoke(Subject subject, int pairs, int qos) throws Exception {
        String who = subject.label();
        String section = section(qos, false);
        try (ClosedLoop loop = new ClosedLoop(env.brokerUrl(), "bench-load", MAIN.pairs(), qos);
             SubjectProcess p = subject.start(env, MAIN.withQos(qos), runDir(subject), false)) {
            awaitUp(loop, p);
            loop.prime(TIMEOUT);
            // One event per loop, each timed whenever it is answered: a cold subject may be slow, not silent.
            latencies(section, who, loop.run(pairs, Duration.ZERO, Duration.ZERO, DRAIN));
            add(section, RSS_LOAD, "MiB", true, who, mib(p.rssKib()));
        }
    }

    /** Sensor messages per second the subject gets through with {@code automations} loaded; with 100, also paced runs. */
    void ingest(Subject subject, int automations, List<Integer> pacedRates) throws Exception {
        new Ingest(this).run(subject, automations, pacedRates);
    }

    /**
     * Hearth's reconnect: with the gateway ready, the broker stops for {@code outage} and comes back
     * on the same port; measured from the broker accepting connections again to Hearth's /health
     * answering 200 (link up and subscribed) again.
     */
    void reconnect(MosquittoBroker broker, Duration outage) throws Exception {
        Subject.Hearth hearth = new Subject.Hearth(false, 0);
        try (SubjectProcess p = hearth.start(env, MAIN, runDir(hearth), false)) {
            p.readyAt().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            broker.stop();
            long lost = System.nanoTime();
            while (p.healthStatus() == 200 && System.nanoTime() - lost < TIMEOUT.toNanos()) Thread.sleep(5);
            Thread.sleep(outage.toMillis());
            broker.startAgain();
            long back = System.nanoTime();
            counters.close();
            counters = new BrokerCounters(env.brokerUrl()); // the restarted broker counts from 0 and publishes that once
            long ready = p.readyAt().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            add(FREE, RECONNECT + " " + outage.toSeconds() + " s outage", "ms", true, "Hearth", (ready - back) / 1e6);
        }
    }

    /**
     * The outbox's append, removal and drain rates, from its own measuring API in a process of its own, with the JVM
     * options the gateway ships with (as the floor gets them): the outbox is the gateway's code and runs under them.
     */
    void outbox() throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(String.format("%03d-outbox", ++runs)));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(env.jvm().floor());
        cmd.addAll(List.of("-cp", env.gatewayJar().toAbsolutePath() + java.io.File.pathSeparator + env.floorClasspath(),
                OutboxFigures.class.getName(), dir.toString(), env.brokerUrl()));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("outbox.log").toFile());
        builder.environment().putAll(env.jvm().environment());
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the outbox figures took over 120 s");
        }
        for (String line : Files.readAllLines(dir.resolve("outbox.log"))) {
            if (!line.startsWith(OutboxFigures.PREFIX)) continue;
            String[] f = line.substring(OutboxFigures.PREFIX.length()).split("\\|");
            add(OUTBOX, f[0], f[1], f[2].equals("lower"), "Hearth", Double.parseDouble(f[3]));
        }
        if (p.exitValue() != 0) throw new IllegalStateException("outbox figures exited with " + p.exitValue());
    }

    /** Store and forward through the uplink across an outage of its broker, at {@link #UPLINK_RATE} sensor messages a second. */
    void outage(Duration outage) throws Exception {
        new UplinkOutage(env, this::add, UPLINK_RATE).run(runDir(new Subject.Hearth(false, 0)), outage);
    }

    /** Hearth with its embedded HiveMQ: process start to the first command, the load client connecting as soon as it listens. */
    void embeddedStartup() throws Exception {
        int port = FreePort.loopback();
        Subject.Hearth hearth = new Subject.Hearth(true, port);
        long started = System.nanoTime();
        try (SubjectProcess p = hearth.start(env, MAIN, runDir(hearth), false);
             ClosedLoop loop = ClosedLoop.connectWhenUp("tcp://127.0.0.1:" + port, "bench-load", 1, MAIN.qos(), TIMEOUT)) {
            long first = awaitUp(loop, p);
            add(FREE, STARTUP_EMBEDDED, "ms", true, "Hearth", (first - started) / 1e6);
        }
    }

    long awaitUp(ClosedLoop loop, SubjectProcess p) throws InterruptedException {
        try {
            return loop.awaitFirstActuation(Duration.ofMillis(10), TIMEOUT, p::alive);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("subject never answered" + p.trouble() + "; its output ends with:\n" + p.tail(), e);
        }
    }

    private void latencies(String section, String who, ClosedLoop.Result r) {
        if (r.count() == 0) throw new IllegalStateException(who + ": no round trip completed with " + r.loops() + " pairs");
        add(section, latency(r.loops(), "p50"), "ms", true, who, r.p50() / 1e3);
        add(section, latency(r.loops(), "p90"), "ms", true, who, r.p90() / 1e3);
        add(section, latency(r.loops(), "p99"), "ms", true, who, r.p99() / 1e3);
        add(section, latency(r.loops(), "max"), "ms", true, who, r.max() / 1e3);
    }

    private static CompletableFuture<Void> sampleRss(SubjectProcess p, AtomicLong peak) {
        return CompletableFuture.runAsync(() -> {
            while (!Thread.currentThread().isInterrupted() && p.alive()) {
                peak.accumulateAndGet(p.rssKib(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            t.start();
        });
    }

    static void requireAlive(SubjectProcess p) {
        if (!p.alive()) throw new IllegalStateException("subject died during the run" + p.trouble() + ":\n" + p.tail());
    }

    void add(String section, String name, String unit, boolean lowerIsBetter, String who, double value) {
        results.add(new Results.Metric(section, name, unit, lowerIsBetter), who, value);
        System.out.printf(java.util.Locale.ROOT, "  %-14s %-55s %12.2f %s  [%s]%n", who, name, value, unit, section);
    }

    Path runDir(Subject subject) throws IOException {
        String slug = subject.label().toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return Files.createDirectories(workDir.resolve(String.format("%03d-%s", ++runs, slug)));
    }

    @Override
    public void close() {
        counters.close();
    }

    private static double mib(long kib) {
        return kib / 1024.0;
    }
}
