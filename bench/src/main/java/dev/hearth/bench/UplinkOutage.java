package dev.hearth.bench;

import dev.hearth.sim.broker.MosquittoBroker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Store and forward, as users compare it with Kura: Hearth forwards its sensors' states through an
 * uplink to a second Mosquitto; a load client sends those states to the local broker at a fixed
 * rate; the uplink broker stops for the outage and starts again on the same port. Measured: the
 * rows the uplink's outbox holds when the broker returns, the time from its return until every
 * message sent before it has arrived at a subscriber on the uplink broker, and at the end whether
 * every message arrived, with each topic's messages in order.
 */
final class UplinkOutage {
    static final String SECTION = "outbox recovery after an uplink outage under load (Hearth)";
    static final String QUEUED = "rows queued for the uplink at the end of the outage";
    static final String RECOVERY = "uplink broker back to every queued message delivered";
    static final String FIRST = "uplink broker back to the first message delivered";
    static final String MISSING = "messages that never arrived at the uplink";
    static final String OUT_OF_ORDER = "messages out of order within their topic";
    static final String DUPLICATES = "messages that arrived more than once";
    static final String SENT = "messages sent by the load client";
    private static final String FORWARDED = "cloud";
    private static final Duration WARM = Duration.ofSeconds(2);
    private static final Duration AFTER = Duration.ofSeconds(1);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** The sensors whose states are forwarded (25 motion/light pairs beside them, as in the ingest runs). */
    static final Workload WORKLOAD = new Workload("uplink", 25, 100, 0, 1);

    interface Figures {
        void add(String section, String name, String unit, boolean lowerIsBetter, String who, double value);
    }

    private final Subject.Environment env;
    private final Figures figures;
    private final int rate;

    UplinkOutage(Subject.Environment env, Figures figures, int rate) {
        this.env = env;
        this.figures = figures;
        this.rate = rate;
    }

    static String name(String what, Duration outage, int rate) {
        return String.format(Locale.ROOT, "%s (%d s outage, %,d msg/s)", what, outage.toSeconds(), rate);
    }

    void run(Path dir, Duration outage) throws Exception {
        Path persistence = Files.createDirectories(dir.resolve("uplink-broker"));
        // Mosquitto started as root drops to the user mosquitto, which must be able to write its database here.
        Files.setPosixFilePermissions(persistence, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        MosquittoBroker.Builder b = MosquittoBroker.builder();
        BenchMain.BROKER_CONFIG.forEach(b::configLine);
        // Persistence keeps the subscriber's session (and what was queued for it) across the restart.
        b.configLine("persistence true").configLine("persistence_location " + persistence.toAbsolutePath() + "/");
        Subject.Hearth hearth = new Subject.Hearth(false, 0);
        try (MosquittoBroker uplink = b.start();
             UplinkSubscriber subscriber = new UplinkSubscriber(uplink.url(), FORWARDED + "/#");
             MqttPort load = MqttPort.connect(env.brokerUrl(), "bench-uplink-load", (t, m) -> { });
             SubjectProcess p = hearth.start(env, WORKLOAD, dir, false,
                     new HearthConfig.Uplink(uplink.url(), Workload.PREFIX + "/#", FORWARDED + "/{topic}"))) {
            subscriber.connect();
            p.readyAt().get(LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            AtomicLong seq = new AtomicLong();
            Thread sender = new Thread(() -> send(load, seq), "uplink-load");
            sender.setDaemon(true);
            sender.start();
            try {
                Thread.sleep(WARM.toMillis());
                subscriber.watch(seq.get() - rate / 10); // the link works before the outage
                awaitReached(subscriber, p, LIMIT, "the uplink forwarded nothing before the outage");
                uplink.stop();
                Thread.sleep(outage.toMillis());
                long queued = queuedForUplink(dir, p);
                if (queued >= 0) add(QUEUED, "rows", true, queued, outage); // measured, whether or not the backlog arrives
                long sentBefore = seq.get();
                subscriber.watch(sentBefore);
                uplink.startAgain();
                long back = System.nanoTime();
                subscriber.connect();
                long reached = awaitReached(subscriber, p, LIMIT, "the backlog did not arrive within " + LIMIT.toSeconds() + " s");
                long first = subscriber.firstAfterWatch();
                Thread.sleep(AFTER.toMillis());
                sender.interrupt();
                sender.join();
                long sent = seq.get();
                subscriber.watch(sent);
                awaitReached(subscriber, p, Duration.ofSeconds(20), "the last messages did not arrive within 20 s");
                add(FIRST, "ms", true, (first - back) / 1e6, outage);
                add(RECOVERY, "ms", true, (reached - back) / 1e6, outage);
                add(SENT, "msgs", false, sent, outage);
                add(MISSING, "msgs", true, subscriber.missing(sent), outage);
                add(OUT_OF_ORDER, "msgs", true, subscriber.outOfOrder(), outage);
                add(DUPLICATES, "msgs", true, subscriber.duplicates(), outage);
            } finally {
                sender.interrupt();
            }
        }
    }

    private void add(String what, String unit, boolean lower, double value, Duration outage) {
        figures.add(SECTION, name(what, outage, rate), unit, lower, "Hearth", value);
    }

    /** Sensor states at {@link #rate}, QoS 1, each with its global sequence number, until interrupted. */
    private void send(MqttPort load, AtomicLong seq) {
        long start = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            for (long n = seq.get(); n < due; n = seq.incrementAndGet()) {
                int sensor = (int) (n % WORKLOAD.sensors());
                byte[] payload = String.format(Locale.ROOT, "{\"temperature\":%.1f,\"seq\":%d}", 20 + (n / WORKLOAD.sensors()) % 100 / 10.0, n)
                        .getBytes(StandardCharsets.UTF_8);
                load.publish(Workload.sensorTopic(sensor), payload, 1);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static long awaitReached(UplinkSubscriber s, SubjectProcess p, Duration limit, String failure) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (s.reachedAt() == 0) {
            if (System.nanoTime() > deadline || !p.alive()) throw new IllegalStateException(failure + p.trouble() + "\n" + p.tail());
            LockSupport.parkNanos(1_000_000);
        }
        return s.reachedAt();
    }

    /** {@code hearth_outbox_queued{link="uplink"}} from /metrics, with the access token the gateway wrote; -1 if unreadable. */
    private static long queuedForUplink(Path dir, SubjectProcess p) {
        try {
            String token = Files.readString(dir.resolve("config/data/web-token")).strip();
            HttpRequest get = HttpRequest.newBuilder(p.readiness().resolve("/metrics")).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(5)).build();
            String body = Http.CLIENT.send(get, HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith("hearth_outbox_queued{") && l.contains("link=\"uplink\""))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read the uplink's queue from /metrics: " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
