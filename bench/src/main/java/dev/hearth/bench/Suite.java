package dev.hearth.bench;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** The measurements, run subject after subject against one broker, each subject in a fresh process. */
final class Suite implements AutoCloseable {
    static final String FREE = "all cores";
    static final String PINNED = "pinned to one core (taskset -c 0)";
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

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int INGEST_PAIRS = 25;
    /** Enough for a few seconds of the fastest subject; more would only measure the slowest one's backlog. */
    private static final long MAX_FLOOD = 100_000;
    private static final Duration DRAIN = Duration.ofSeconds(10);
    static final int UPLINK_RATE = 1_000;
    /** Mosquitto's sys_interval (1 s) and a margin: a $SYS counter read after this includes what came before. */
    private static final Duration COUNTER_INTERVAL = Duration.ofMillis(1_100);
    /** Warm-up of a measured closed-loop run, after the process's own warm-up. */
    private static final Duration WARM = Duration.ofMillis(300);
    /** How long a paced run may leave the subject behind before it counts as unable to keep up. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    /** 250 motion/light pairs and 500 temperature sensors: 1,000 devices, 500 automations. */
    static final Workload MAIN = new Workload("main", 250, 500, 0);

    private final Subject.Environment env;
    private final Results results;
    private final Path workDir;
    private final Duration measure;
    private final Duration warmup;
    private int runs;
    /**
     * Listens from the broker's start: Mosquitto publishes a $SYS counter only when it changes (not
     * retained), so a client that subscribes later never learns a count that stayed at 0.
     */
    private BrokerCounters counters;

    Suite(Subject.Environment env, Results results, Path workDir, Duration measure, Duration warmup) throws Exception {
        this.env = env;
        this.results = results;
        this.workDir = workDir.toAbsolutePath();
        this.measure = measure;
        this.warmup = warmup;
        this.counters = new BrokerCounters(env.brokerUrl());
    }

    static String latency(int pairs, String percentile) {
        return "round trip " + percentile + ", " + pairs + (pairs == 1 ? " pair" : " pairs");
    }

    static String throughput(int pairs) {
        return "round trips/s, " + pairs + " pairs";
    }

    static String paced(int rate, String what) {
        return String.format(java.util.Locale.ROOT, "%,d msg/s through 100 automations: %s", rate, what);
    }

    /**
     * Latency, throughput, memory and (unpinned) startup with {@link #MAIN}: 1 pair, then each count
     * of {@code loops} that fits the workload's pairs; the RSS peak is sampled during the largest.
     */
    void main(Subject subject, boolean pinned, List<Integer> loops) throws Exception {
        String section = pinned ? PINNED : FREE;
        String who = subject.label();
        List<Integer> counts = loops.stream().filter(n -> n > 1 && n <= MAIN.pairs()).sorted().toList();
        try (ClosedLoop loop = new ClosedLoop(env.brokerUrl(), "bench-load", MAIN.pairs())) {
            long started = System.nanoTime();
            try (SubjectProcess p = subject.start(env, MAIN, runDir(subject), pinned)) {
                CompletableFuture<Long> ready = p.readyAt();
                long firstActuation = awaitUp(loop, p);
                if (!pinned) {
                    add(section, STARTUP, "ms", true, who, (firstActuation - started) / 1e6);
                    // The first actuation can come before /health says 200 (the dashboard starts beside the link).
                    if (p.reportsReadiness()) {
                        try {
                            add(section, READY, "ms", true, who, (ready.get(10, TimeUnit.SECONDS) - started) / 1e6);
                        } catch (TimeoutException e) {
                            // Not ready within 10 s of its first actuation: the row stays empty and the run goes on.
                        }
                    }
                }
                loop.prime(TIMEOUT);
                loop.run(counts.isEmpty() ? 1 : counts.get(0), Duration.ZERO, warmup, DRAIN);
                Thread.sleep(1_000);
                add(section, RSS_IDLE, "MiB", true, who, mib(p.rssKib()));
                if (p.heapUsedKib() >= 0) add(section, HEAP_IDLE, "MiB", true, who, mib(p.heapUsedKib()));
                latencies(section, who, loop.run(1, WARM, measure, DRAIN));
                AtomicLong peak = new AtomicLong();
                for (int n : counts) {
                    boolean last = n == counts.get(counts.size() - 1);
                    CompletableFuture<Void> sampler = last ? sampleRss(p, peak) : CompletableFuture.completedFuture(null);
                    ClosedLoop.Result r = loop.run(n, WARM, measure, DRAIN);
                    sampler.cancel(true);
                    latencies(section, who, r);
                    add(section, throughput(n), "/s", false, who, r.perSecond());
                }
                add(section, RSS_LOAD, "MiB", true, who, mib(Math.max(peak.get(), p.rssKib())));
                if (p.heapUsedKib() >= 0) add(section, HEAP_LOAD, "MiB", true, who, mib(p.heapUsedKib()));
                requireAlive(p);
            }
        }
    }

    /**
     * Round trips per second with more loops in flight than the main workload has pairs: a workload of
     * {@code loops} pairs (2 automations each, no other sensors) in a process of its own.
     */
    void saturation(Subject subject, int loops) throws Exception {
        Workload w = new Workload("saturation", loops, 0, 0);
        String who = subject.label();
        try (ClosedLoop loop = new ClosedLoop(env.brokerUrl(), "bench-load", w.pairs());
             SubjectProcess p = subject.start(env, w, runDir(subject), false)) {
            awaitUp(loop, p);
            loop.prime(TIMEOUT);
            loop.run(loops, Duration.ZERO, warmup, DRAIN);
            ClosedLoop.Result r = loop.run(loops, WARM, measure, DRAIN);
            if (r.count() == 0) throw new IllegalStateException(who + ": no round trip completed with " + loops + " pairs");
            add(FREE, throughput(loops) + " (" + String.format(java.util.Locale.ROOT, "%,d", 2 * loops) + " automations)", "/s", false, who,
                    r.perSecond());
            add(FREE, latency(loops, "p99"), "ms", true, who, r.p99() / 1e3);
            requireAlive(p);
        }
    }

    /** The least that shows the harness works: one subject answering, timed, with its RSS. */
    void smoke(Subject subject, int pairs) throws Exception {
        String who = subject.label();
        try (ClosedLoop loop = new ClosedLoop(env.brokerUrl(), "bench-load", MAIN.pairs());
             SubjectProcess p = subject.start(env, MAIN, runDir(subject), false)) {
            awaitUp(loop, p);
            loop.prime(TIMEOUT);
            // One event per loop, each timed whenever it is answered: a cold subject may be slow, not silent.
            latencies(FREE, who, loop.run(pairs, Duration.ZERO, Duration.ZERO, DRAIN));
            add(FREE, RSS_LOAD, "MiB", true, who, mib(p.rssKib()));
        }
    }

    /** Sensor messages per second the subject gets through with {@code automations} loaded; with 100, also paced runs. */
    void ingest(Subject subject, int automations, List<Integer> pacedRates) throws Exception {
        // 25 pairs, so the probe's events spread over 50 automations; the rest watch temperature sensors.
        Workload w = new Workload("ingest" + automations, INGEST_PAIRS, automations - 2 * INGEST_PAIRS, automations - 2 * INGEST_PAIRS);
        String who = subject.label();
        try (ClosedLoop loop = new ClosedLoop(env.brokerUrl(), "bench-load", w.pairs());
             MqttPort floodPort = MqttPort.connect(env.brokerUrl(), "bench-flood", (t, m) -> { });
             SubjectProcess p = subject.start(env, w, runDir(subject), false)) {
            awaitUp(loop, p);
            loop.prime(TIMEOUT);
            Flood flood = new Flood(floodPort, w.sensors());
            flood.publish(0, warmup, 10_000);
            loop.roundTrip(TIMEOUT);
            long start = System.nanoTime();
            long sent = flood.publish(0, measure, MAX_FLOOD);
            long done = loop.roundTrip(TIMEOUT);
            add(FREE, automations == 100 ? INGEST_100 : INGEST_1000, "msg/s", false, who, sent / ((done - start) / 1e9));
            if (!pacedRates.isEmpty()) Thread.sleep(COUNTER_INTERVAL.toMillis()); // the flood's drops reach the $SYS counter first
            for (int rate : pacedRates) {
                if (!paced(loop, flood, rate, who)) break;
            }
            requireAlive(p);
        }
    }

    /**
     * A fixed rate of sensor messages with one closed-loop pair timed alongside. Handled msg/s is what
     * was sent divided by the time until a probe sent after the last message is answered (every
     * subject handles messages in order); "behind" is how long after the flood stopped that took. A
     * subject still behind after {@link #CATCH_UP} is reported with the rate it reached by then (an
     * upper bound) and its later paced runs are skipped. Returns whether it caught up.
     */
    private boolean paced(ClosedLoop loop, Flood flood, int rate, String who) throws Exception {
        long droppedBefore = counters.dropped(); // the flood before this was followed by a wait for the counter, see below
        long start = System.nanoTime();
        CompletableFuture<long[]> sending = CompletableFuture.supplyAsync(() -> {
            long n = flood.publish(rate, measure, Long.MAX_VALUE);
            return new long[] {n, System.nanoTime()};
        });
        ClosedLoop.Result probe = loop.run(1, WARM, measure.minus(WARM), CATCH_UP);
        long sent = sending.get()[0];
        long floodEnd = sending.get()[1];
        ClosedLoop.Result marker = probe.unanswered() == 0 ? loop.run(1, Duration.ZERO, Duration.ZERO, CATCH_UP) : probe;
        boolean caughtUp = marker.unanswered() == 0 && marker.count() > 0;
        long end = caughtUp ? marker.lastAnswerNanos() : System.nanoTime();
        add(FREE, paced(rate, "handled msg/s"), "msg/s", false, who, sent / ((end - start) / 1e9));
        add(FREE, paced(rate, "behind when the flood stopped"), "ms", true, who, Math.max(0, end - floodEnd) / 1e6);
        if (probe.count() > 0) add(FREE, paced(rate, "round trip p99"), "ms", true, who, probe.p99() / 1e3);
        if (!caughtUp) {
            results.failed(who + ", " + paced(rate, "paced run"), new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "still behind %d s after the flood stopped: its handled msg/s is an upper bound; later paced runs skipped",
                    CATCH_UP.toSeconds())));
            return false;
        }
        Thread.sleep(COUNTER_INTERVAL.toMillis());
        if (droppedBefore >= 0) add(FREE, paced(rate, "dropped by the broker"), "msgs", true, who, counters.dropped() - droppedBefore);
        return true;
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

    /** The outbox's append, removal and drain rates, from its own measuring API in a process of its own. */
    void outbox() throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(String.format("%03d-outbox", ++runs)));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                env.gatewayJar().toAbsolutePath() + java.io.File.pathSeparator + env.floorClasspath(),
                OutboxFigures.class.getName(), dir.toString(), env.brokerUrl());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("outbox.log").toFile()).start();
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
             ClosedLoop loop = ClosedLoop.connectWhenUp("tcp://127.0.0.1:" + port, "bench-load", 1, TIMEOUT)) {
            long first = awaitUp(loop, p);
            add(FREE, STARTUP_EMBEDDED, "ms", true, "Hearth", (first - started) / 1e6);
        }
    }

    private long awaitUp(ClosedLoop loop, SubjectProcess p) throws InterruptedException {
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

    private static void requireAlive(SubjectProcess p) {
        if (!p.alive()) throw new IllegalStateException("subject died during the run" + p.trouble() + ":\n" + p.tail());
    }

    void add(String section, String name, String unit, boolean lowerIsBetter, String who, double value) {
        results.add(new Results.Metric(section, name, unit, lowerIsBetter), who, value);
        System.out.printf(java.util.Locale.ROOT, "  %-10s %-55s %12.2f %s%n", who, name + (section.equals(PINNED) ? " [pinned]" : ""), value, unit);
    }

    private Path runDir(Subject subject) throws IOException {
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
