package dev.hearth.bench;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.outbox.BrokerOutbox;
import dev.hearth.gateway.outbox.CommandPath;
import dev.hearth.gateway.outbox.OutboxSettings;
import dev.hearth.gateway.outbox.OutboxStatus;
import dev.hearth.gateway.outbox.OutboxStore;
import dev.hearth.gateway.outbox.Queued;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the gateway's outbox for the benchmark ({@link OutboxFigures}): how fast it appends and removes rows on a real H2 file
 * with each durability, how fast a backlog left by an outage drains to a real broker, and how many bytes
 * the database writes per message in that outage and while the broker acknowledges messages at once.
 * Each call works in its own fresh directory, which it leaves behind for the caller to delete.
 */
public final class OutboxThroughput {
    private OutboxThroughput() {
    }

    /** Rows per second appended and removed, with {@code batch} rows per commit, and the commits it took. */
    public record StoreRates(Durability durability, int rows, int batch, double appendPerSecond, double removePerSecond, long commits) {
    }

    /**
     * A backlog of {@code messages} left by an outage, taken up by a starting gateway: {@code start} from deploying the
     * broker outbox to its link being up (connected and subscribed; the outbox reads the backlog meanwhile), then
     * {@code elapsed} from the link being up to the last PUBACK, the drain itself (the outbox's reading of the backlog
     * counts there too if it outlasts the connect); and what appending and draining it wrote.
     */
    public record CatchUp(int messages, Duration start, Duration elapsed, double perSecond, WriteCost written) {
    }

    /**
     * Bytes the database wrote for {@code messages} messages of {@code payloadBytes} payload on average:
     * {@code wchar} (bytes handed to write(2)) of the threads that commit to H2, from
     * {@code /proc/self/task/<tid>/io}; the broker's socket is not counted.
     */
    public record WriteCost(String how, int messages, double payloadBytes, long bytesWritten) {
        public double bytesPerMessage() {
            return (double) bytesWritten / messages;
        }

        /** The target of issue 7 is at most 2. */
        public double timesPayload() {
            return bytesPerMessage() / payloadBytes;
        }
    }

    public static StoreRates store(Path dir, Durability durability, int rows, int batch) {
        try (Database db = Database.open(dir, durability)) {
            OutboxStore store = new OutboxStore(db);
            List<List<Queued>> batches = batches(rows, batch, Instant.now());
            long before = db.commits();
            long t0 = System.nanoTime();
            for (List<Queued> b : batches) store.apply(new OutboxStore.Changes(b, List.of(), List.of(), List.of()));
            long t1 = System.nanoTime();
            for (List<Queued> b : batches) {
                store.apply(new OutboxStore.Changes(List.of(), b.stream().map(Queued::id).toList(), List.of(), List.of()));
            }
            long t2 = System.nanoTime();
            return new StoreRates(durability, rows, batch, rows / seconds(t1 - t0), rows / seconds(t2 - t1), db.commits() - before);
        }
    }

    /**
     * Leaves {@code messages} telemetry rows in a fresh outbox (as an outage would), then starts the broker
     * link on it and times the drain from the link being up until the last PUBACK (the connect apart, see {@link CatchUp}).
     */
    public static CatchUp catchUp(Path dir, Durability durability, String brokerUrl, int messages) {
        return catchUp(dir, durability, brokerUrl, messages, 0);
    }

    /** As {@link #catchUp(Path, Durability, String, int)}, with payloads padded to at least {@code payloadBytes}. */
    public static CatchUp catchUp(Path dir, Durability durability, String brokerUrl, int messages, int payloadBytes) {
        try (Database db = Database.open(dir, durability)) {
            OutboxStore store = new OutboxStore(db);
            List<List<Queued>> backlog = batches(messages, 500, Instant.now(), payloadBytes);
            DiskWrites writes = DiskWrites.start();
            for (List<Queued> b : backlog) store.apply(new OutboxStore.Changes(b, List.of(), List.of(), List.of()));
            Vertx vertx = Vertx.vertx();
            try {
                LocalCodec.install(vertx.eventBus());
                java.util.concurrent.CompletableFuture<Long> linkUp = new java.util.concurrent.CompletableFuture<>();
                vertx.eventBus().<ConnectionChanged>consumer(Addresses.MQTT_CONNECTION, m -> {
                    if (m.body().connected()) linkUp.complete(System.nanoTime());
                }).completion().await();
                long t0 = System.nanoTime();
                String bridge = vertx.deployVerticle(new BrokerOutbox(settings(brokerUrl), List.of(), store, OutboxSettings.DEFAULTS,
                        Clock.systemUTC(), new SimpleMeterRegistry())).await();
                while (vertx.eventBus().<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query()).await().body().queued() > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                long end = System.nanoTime();
                long up = linkUp.join();
                vertx.undeploy(bridge).await(); // commits the last removals, on threads that are still counted
                WriteCost cost = new WriteCost("backlog of " + messages + " appended in commits of 500, then drained", messages,
                        averagePayload(backlog), writes.sinceStart());
                return new CatchUp(messages, Duration.ofNanos(up - t0), Duration.ofNanos(end - up), messages / seconds(end - up), cost);
            } finally {
                vertx.close().await();
            }
        }
    }

    /**
     * Publishes {@code messages} through the outbox while the broker link is up, {@code inFlight} at a
     * time (each waits for its PUBACK), and counts what the database wrote for them.
     */
    public static WriteCost acknowledgedWhileUp(Path dir, Durability durability, String brokerUrl, int messages, int inFlight,
                                                int payloadBytes) {
        try (Database db = Database.open(dir, durability)) {
            OutboxStore store = new OutboxStore(db);
            List<Publication> publications = batches(messages, messages, Instant.now(), payloadBytes).get(0).stream()
                    .map(Queued::publication).toList();
            Vertx vertx = Vertx.vertx();
            try {
                LocalCodec.install(vertx.eventBus());
                BrokerOutbox outbox = new BrokerOutbox(settings(brokerUrl), List.of(), store, OutboxSettings.DEFAULTS,
                        Clock.systemUTC(), new SimpleMeterRegistry());
                String bridge = vertx.deployVerticle(outbox).await();
                while (!vertx.eventBus().<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query()).await().body().connected()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
                DiskWrites writes = DiskWrites.start();
                publishAll(outbox.commandPath(), publications, inFlight);
                vertx.undeploy(bridge).await(); // commits whatever is still pending
                return new WriteCost(messages + " messages acknowledged while the link is up, " + inFlight + " in flight", messages,
                        publications.stream().mapToInt(p -> p.payload().length).average().orElse(0), writes.sinceStart());
            } finally {
                vertx.close().await();
            }
        }
    }

    private static void publishAll(CommandPath path, List<Publication> publications, int inFlight) {
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(inFlight);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(publications.size());
        for (Publication p : publications) {
            window.acquireUninterruptibly();
            path.publish(p).onComplete(r -> {
                window.release();
                done.countDown();
            });
        }
        try {
            if (!done.await(2, java.util.concurrent.TimeUnit.MINUTES)) throw new IllegalStateException("messages not acknowledged within 2 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double averagePayload(List<List<Queued>> batches) {
        return batches.stream().flatMap(List::stream).mapToInt(q -> q.publication().payload().length).average().orElse(0);
    }

    private static MqttSettings settings(String url) {
        return new MqttSettings(false, url, "hearth-outbox-bench", Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(500),
                "hearth/outbox-bench");
    }

    private static List<List<Queued>> batches(int rows, int batch, Instant now) {
        return batches(rows, batch, now, 0);
    }

    /**
     * Sensor-like JSON payloads, padded to at least {@code payloadBytes} with random hex digits (a run of
     * one letter would compress to nothing and flatter the database's compression).
     */
    private static List<List<Queued>> batches(int rows, int batch, Instant now, int payloadBytes) {
        java.util.Random random = new java.util.Random(7);
        List<List<Queued>> out = new ArrayList<>();
        List<Queued> current = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            String json = "{\"temperature\":" + (20 + i % 100 / 10.0) + ",\"seq\":" + i;
            int pad = payloadBytes - json.length() - 1 - ",\"pad\":\"\"".length();
            if (pad > 0) json += ",\"pad\":\"" + hex(random, pad) + "\"";
            byte[] payload = (json + "}").getBytes(StandardCharsets.UTF_8);
            Publication p = new Publication("bench/sensor_" + (i % 50), payload, 1, false, Publication.Kind.TELEMETRY, Map.of());
            current.add(new Queued(i, p, now, now.plus(Duration.ofHours(24)), 0));
            if (current.size() == batch) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    private static String hex(java.util.Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append(Character.forDigit(random.nextInt(16), 16));
        return b.toString();
    }

    private static double seconds(long nanos) {
        return Math.max(1, nanos) / 1e9;
    }
}
