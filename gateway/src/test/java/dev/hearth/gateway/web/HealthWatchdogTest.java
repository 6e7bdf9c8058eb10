package dev.hearth.gateway.web;

import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A stuck critical thread, as the watchdog reports it, makes /health neither live nor ready, with the reason (issue 14, item 12). */
class HealthWatchdogTest {
    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void aStuckThreadFailsHealthWithItsReasonAndHealthRecoversWithIt() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            HealthCheck.migrate(db);
            AtomicReference<Optional<String>> stuck = new AtomicReference<>(Optional.empty());
            HealthCheck health = new HealthCheck(vertx, db, () -> true, stuck::get);
            assertThat(health.check().await().ready()).isTrue();

            stuck.set(Optional.of("event loop hearth-event-loop blocked for 11 s"));
            HealthCheck.Result r = health.check().await();

            assertThat(r.ready()).as("answered 503 by /health").isFalse();
            JsonObject json = r.toJson();
            assertThat(json.getBoolean("live")).isFalse();
            assertThat(json.getString("problem")).isEqualTo("event loop hearth-event-loop blocked for 11 s");

            stuck.set(Optional.empty());
            assertThat(health.check().await().toJson().getBoolean("live")).isTrue();
        }
    }
}
