package dev.hearth.gateway.logbook;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.history.HistorySettings;
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
 * While the disk is full the logbook keeps the newest {@link LogbookRecorder#MAX_WAITING} entries for the next try and
 * drops the oldest, counted: a long outage never grows the heap without bound. Once there is room, what was kept is
 * written, after everything written before.
 */
class LogbookRecorderDiskFullTest {
    private static final DeviceId PLUG = new DeviceId("kitchen_plug");

    @TempDir
    Path dir;

    @Test
    void aFullDiskKeepsTheNewestEntriesDropsTheOldestCountedAndWritesThemOnceThereIsRoom() {
        Vertx vertx = Vertx.vertx();
        try (FillableDisk disk = FillableDisk.at(dir.resolve("data"), 4L << 20);
             Database database = Database.open(disk.dir(), Durability.PROCESS)) {
            LogbookStore store = new LogbookStore(database);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            LocalCodec.install(vertx.eventBus());
            vertx.deployVerticle(new LogbookRecorder(store, new HistorySettings(Duration.ofDays(30), Duration.ofMillis(100)),
                    Clock.systemUTC(), id -> Optional.empty(), meters)).await();
            // Given an entry written
            publish(vertx, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> meters.counter("hearth.logbook.recorded").count() == 1);

            // When the disk is full and far more entries come than are kept
            disk.fill();
            int published = 1;
            while (database.problem().isEmpty()) {
                publish(vertx, 100);
                published += 100;
                await().pollDelay(Duration.ofMillis(150)).until(() -> true);
            }
            publish(vertx, LogbookRecorder.MAX_WAITING + 5_000);
            published += LogbookRecorder.MAX_WAITING + 5_000;

            // Then the oldest waiting are dropped, counted
            int all = published;
            await().atMost(Duration.ofSeconds(20)).until(() -> meters.counter("hearth.logbook.dropped").count()
                    == all - 1 - LogbookRecorder.MAX_WAITING);

            // When there is room again, then the newest are written, after the first
            disk.free();
            await().atMost(Duration.ofSeconds(20)).until(() -> meters.counter("hearth.logbook.recorded").count()
                    == 1 + LogbookRecorder.MAX_WAITING);
            assertThat(store.lastId()).isEqualTo(all);
            long[] stored = database.session("logbook").transaction(c -> {
                try (var r = c.createStatement().executeQuery("SELECT SUM(entries), MIN(first_id) FROM logbook_chunk")) {
                    r.next();
                    return new long[] {r.getLong(1), r.getLong(2)};
                }
            });
            assertThat(stored).containsExactly(1L + LogbookRecorder.MAX_WAITING, 1L);
        } finally {
            vertx.close().await();
        }
    }

    private static void publish(Vertx vertx, int entries) {
        for (int i = 0; i < entries; i++) {
            vertx.eventBus().publish(Addresses.DEVICE_AVAILABILITY_CHANGED, new AvailabilityChanged(PLUG,
                    i % 2 == 0 ? Availability.ONLINE : Availability.OFFLINE, i % 2 == 0 ? Availability.OFFLINE : Availability.ONLINE, Instant.now()));
        }
    }
}
