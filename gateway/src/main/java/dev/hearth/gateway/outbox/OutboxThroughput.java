package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.config.MqttSettings;
import dev.hearth.gateway.mqtt.MqttBridge;
import dev.hearth.gateway.mqtt.Publication;
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
 * Measures the outbox for the benchmark (bench/): how fast it appends and removes rows on a real H2 file
 * with each durability, and how fast a backlog left by an outage drains to a real broker. Each call
 * works in its own fresh directory, which it leaves behind for the caller to delete.
 */
public final class OutboxThroughput {
    private OutboxThroughput() {
    }

    /** Rows per second appended and removed, with {@code batch} rows per commit, and the commits it took. */
    public record StoreRates(Durability durability, int rows, int batch, double appendPerSecond, double removePerSecond, long commits) {
    }

    /** How long a backlog of {@code messages} took to drain to the broker after the gateway came up with it. */
    public record CatchUp(int messages, Duration elapsed, double perSecond) {
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
     * link on it and times the drain until the last PUBACK.
     */
    public static CatchUp catchUp(Path dir, Durability durability, String brokerUrl, int messages) {
        try (Database db = Database.open(dir, durability)) {
            OutboxStore store = new OutboxStore(db);
            for (List<Queued> b : batches(messages, 500, Instant.now())) store.apply(new OutboxStore.Changes(b, List.of(), List.of(), List.of()));
            Vertx vertx = Vertx.vertx();
            try {
                LocalCodec.install(vertx.eventBus());
                long t0 = System.nanoTime();
                vertx.deployVerticle(new MqttBridge(settings(brokerUrl), List.of(), store, OutboxSettings.DEFAULTS, Clock.systemUTC(),
                        new SimpleMeterRegistry())).await();
                while (vertx.eventBus().<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query()).await().body().queued() > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
                long elapsed = System.nanoTime() - t0;
                return new CatchUp(messages, Duration.ofNanos(elapsed), messages / seconds(elapsed));
            } finally {
                vertx.close().await();
            }
        }
    }

    private static MqttSettings settings(String url) {
        return new MqttSettings(false, url, "hearth-outbox-bench", Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(500),
                "hearth/outbox-bench");
    }

    private static List<List<Queued>> batches(int rows, int batch, Instant now) {
        List<List<Queued>> out = new ArrayList<>();
        List<Queued> current = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            byte[] payload = ("{\"temperature\":" + (20 + i % 100 / 10.0) + ",\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8);
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

    private static double seconds(long nanos) {
        return Math.max(1, nanos) / 1e9;
    }
}
