package dev.hearth.gateway.history;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorder keeps every change, and writes a flood of them as a row per attribute; stopping writes what waits. */
class HistoryRecorderTest {
    static final DeviceId SENSOR = new DeviceId("living_temperature");
    static final Instant T0 = Instant.parse("2026-11-28T20:00:00Z");

    @TempDir
    Path dir;
    Vertx vertx = Vertx.vertx();
    Database database;

    @AfterEach
    void close() {
        vertx.close().await();
        if (database != null) database.close();
    }

    @Test
    void everyChangeOfAFloodIsKeptAndStoppingWritesWhatWaits() {
        database = Database.open(dir, Durability.PROCESS);
        HistoryStore store = new HistoryStore(database);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LocalCodec.install(vertx.eventBus());
        // A commit interval longer than the test: only the stop writes.
        String id = vertx.deployVerticle(new HistoryRecorder(store, new HistorySettings(Duration.ofDays(30), Duration.ofMinutes(1)),
                Clock.systemUTC(), meters)).await();
        for (int i = 0; i < 10_000; i++) {
            vertx.eventBus().publish(Addresses.DEVICE_STATE_CHANGED,
                    StateChanges.of(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(20 + i / 1000.0), T0.plusMillis(i))));
            if (i % 10 == 0) {
                vertx.eventBus().publish(Addresses.DEVICE_STATE_CHANGED,
                        StateChanges.of(new StateChanged(SENSOR, "humidity", Optional.empty(), Value.of(i % 100), T0.plusMillis(i))));
            }
        }
        vertx.undeploy(id).await();

        assertThat(store.query(SENSOR, Optional.of("temperature"), T0, T0.plusSeconds(10), 20_000)).hasSize(10_000)
                .last().extracting(HistoryPoint::value).isEqualTo(Value.of(20 + 9_999 / 1000.0));
        assertThat(store.query(SENSOR, Optional.of("humidity"), T0, T0.plusSeconds(10), 20_000)).hasSize(1_000);
        assertThat(meters.counter("hearth.history.recorded").count()).isEqualTo(11_000);
        long rows = database.session("history").transaction(c -> {
            try (var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM history_chunk")) {
                r.next();
                return r.getLong(1);
            }
        });
        assertThat(rows).as("rows of at most %d points, not a row per change", HistoryChunk.MAX_POINTS)
                .isEqualTo((10_000 + HistoryChunk.MAX_POINTS - 1) / HistoryChunk.MAX_POINTS + 1);
    }
}
