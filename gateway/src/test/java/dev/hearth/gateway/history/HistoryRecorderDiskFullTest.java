package dev.hearth.gateway.history;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.support.FillableDisk;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the disk is full history keeps at most {@link HistoryRecorder#MAX_BUFFERED_BYTES} for the next try and drops
 * the oldest, counted: every change is either written once there is room or counted as dropped, never lost silently.
 */
class HistoryRecorderDiskFullTest {
    private static final DeviceId PLAYER = new DeviceId("living_player");
    private static final Instant T0 = Instant.parse("2026-12-08T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFullDiskKeepsABoundedHistoryDropsTheOldestCountedAndWritesTheRestOnceThereIsRoom() {
        Vertx vertx = Vertx.vertx();
        try (FillableDisk disk = FillableDisk.at(dir.resolve("data"), 4L << 20);
             Database database = Database.open(disk.dir(), Durability.PROCESS)) {
            HistoryStore store = new HistoryStore(database);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            LocalCodec.install(vertx.eventBus());
            vertx.deployVerticle(new HistoryRecorder(store, new HistorySettings(Duration.ofDays(30), Duration.ofMillis(100)),
                    Clock.systemUTC(), meters)).await();
            // Given a change written
            publish(vertx, 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> meters.counter("hearth.history.recorded").count() == 1);

            // When the disk is full and more comes than is kept (titles of 1 KiB: 4 MiB is some 4,000 of them)
            disk.fill();
            int published = 1;
            while (database.problem().isEmpty()) {
                publish(vertx, published++);
                await().pollDelay(Duration.ofMillis(20)).until(() -> true);
            }
            for (int i = 0; i < 10_000; i++) publish(vertx, published++);

            // Then the oldest are dropped, counted
            await().atMost(Duration.ofSeconds(20)).until(() -> meters.counter("hearth.history.dropped").count() > 0);

            // When there is room again, then every change is either written or counted as dropped, the newest written
            disk.free();
            int all = published;
            await().atMost(Duration.ofSeconds(20)).until(() -> meters.counter("hearth.history.recorded").count()
                    + meters.counter("hearth.history.dropped").count() == all);
            var points = store.query(PLAYER, Optional.of("title"), T0, T0.plusSeconds(all + 1), 20_000);
            assertThat(points).first().extracting(HistoryPoint::value).isEqualTo(title(0));
            assertThat(points).last().extracting(HistoryPoint::value).isEqualTo(title(all - 1));
            assertThat((double) points.size()).isEqualTo(meters.counter("hearth.history.recorded").count());
        } finally {
            vertx.close().await();
        }
    }

    private static void publish(Vertx vertx, int i) {
        vertx.eventBus().publish(Addresses.DEVICE_STATE_CHANGED, StateChanges.of(
                new StateChanged(PLAYER, "title", Optional.empty(), title(i), T0.plusMillis(i))));
    }

    private static Value title(int i) {
        return Value.of(i + " " + "x".repeat(1000));
    }
}
