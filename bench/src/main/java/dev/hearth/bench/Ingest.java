package dev.hearth.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.hearth.bench.Suite.FREE;
import static dev.hearth.bench.Suite.INGEST_100;
import static dev.hearth.bench.Suite.INGEST_1000;
import static dev.hearth.bench.Suite.TIMEOUT;
import static dev.hearth.bench.Suite.WARM;
import static dev.hearth.bench.Suite.paced;

/** The ingest workloads: a flood of sensor states as fast as the client can, then at fixed rates with a probe timed alongside. */
final class Ingest {
    private static final int INGEST_PAIRS = 25;
    /** Enough for a few seconds of the fastest subject; more would only measure the slowest one's backlog. */
    private static final long MAX_FLOOD = 100_000;
    /** Mosquitto's sys_interval (1 s) and a margin: a $SYS counter read after this includes what came before. */
    private static final Duration COUNTER_INTERVAL = Duration.ofMillis(1_100);
    /** How long a paced run may leave the subject behind before it counts as unable to keep up. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final Suite suite;

    Ingest(Suite suite) {
        this.suite = suite;
    }

    /** Sensor messages per second the subject gets through with {@code automations} loaded; with 100, also paced runs. */
    void run(Subject subject, int automations, List<Integer> pacedRates) throws Exception {
        // 25 pairs, so the probe's events spread over 50 automations; the rest watch temperature sensors.
        Workload w = new Workload("ingest" + automations, INGEST_PAIRS, automations - 2 * INGEST_PAIRS, automations - 2 * INGEST_PAIRS, 0);
        String who = subject.label();
        try (ClosedLoop loop = new ClosedLoop(suite.env.brokerUrl(), "bench-load", w.pairs(), w.qos());
             MqttPort floodPort = MqttPort.connect(suite.env.brokerUrl(), "bench-flood", (t, m) -> { });
             SubjectProcess p = subject.start(suite.env, w, suite.runDir(subject), false)) {
            suite.awaitUp(loop, p);
            loop.prime(TIMEOUT);
            Flood flood = new Flood(floodPort, w.sensors());
            flood.publish(0, suite.warmup, 10_000);
            loop.roundTrip(TIMEOUT);
            long start = System.nanoTime();
            long sent = flood.publish(0, suite.measure, MAX_FLOOD);
            long done = loop.roundTrip(TIMEOUT);
            suite.add(FREE, automations == 100 ? INGEST_100 : INGEST_1000, "msg/s", false, who, sent / ((done - start) / 1e9));
            if (!pacedRates.isEmpty()) Thread.sleep(COUNTER_INTERVAL.toMillis()); // the flood's drops reach the $SYS counter first
            for (int rate : pacedRates) {
                if (!pacedRun(loop, flood, rate, who)) break;
            }
            Suite.requireAlive(p);
        }
    }

    /**
     * A fixed rate of sensor messages with one closed-loop pair timed alongside. Handled msg/s is what
     * was sent divided by the time until a probe sent after the last message is answered (every
     * subject handles messages in order); "behind" is how long after the flood stopped that took. A
     * subject still behind after {@link #CATCH_UP} is reported with the rate it reached by then (an
     * upper bound) and its later paced runs are skipped. Returns whether it caught up.
     */
    private boolean pacedRun(ClosedLoop loop, Flood flood, int rate, String who) throws Exception {
        long droppedBefore = suite.counters.dropped(); // the flood before this was followed by a wait for the counter, see below
        long start = System.nanoTime();
        CompletableFuture<long[]> sending = CompletableFuture.supplyAsync(() -> {
            long n = flood.publish(rate, suite.measure, Long.MAX_VALUE);
            return new long[] {n, System.nanoTime()};
        });
        ClosedLoop.Result probe = loop.run(1, WARM, suite.measure.minus(WARM), CATCH_UP);
        long sent = sending.get()[0];
        long floodEnd = sending.get()[1];
        ClosedLoop.Result marker = probe.unanswered() == 0 ? loop.run(1, Duration.ZERO, Duration.ZERO, CATCH_UP) : probe;
        boolean caughtUp = marker.unanswered() == 0 && marker.count() > 0;
        long end = caughtUp ? marker.lastAnswerNanos() : System.nanoTime();
        suite.add(FREE, paced(rate, "handled msg/s"), "msg/s", false, who, sent / ((end - start) / 1e9));
        suite.add(FREE, paced(rate, "behind when the flood stopped"), "ms", true, who, Math.max(0, end - floodEnd) / 1e6);
        if (probe.count() > 0) suite.add(FREE, paced(rate, "round trip p99"), "ms", true, who, probe.p99() / 1e3);
        if (!caughtUp) {
            suite.results.failed(who + ", " + paced(rate, "paced run"), new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "still behind %d s after the flood stopped: its handled msg/s is an upper bound; later paced runs skipped",
                    CATCH_UP.toSeconds())));
            return false;
        }
        Thread.sleep(COUNTER_INTERVAL.toMillis());
        if (droppedBefore >= 0) suite.add(FREE, paced(rate, "dropped by the broker"), "msgs", true, who, suite.counters.dropped() - droppedBefore);
        return true;
    }

}
