package dev.hearth.gateway.web;

import dev.hearth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Liveness (the process answers and no critical thread is stuck, see {@code watchdog}) and readiness (alive,
 * the broker link is up and subscribed, and the database accepts a write). Readiness writes one row (at most every 10 s; a success within that is
 * reused): a read-only or full disk is what it must catch.
 */
final class HealthCheck {
    static final Duration PROBE_WRITE_INTERVAL = Duration.ofSeconds(10);
    /** Migrations are append-only: the probe row is the store's own now ({@link Database#proveWritable}). */
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE health_probe (id INT PRIMARY KEY, written_at TIMESTAMP WITH TIME ZONE NOT NULL)",
            "DROP TABLE health_probe");

    private final Vertx vertx;
    private final Database database;
    private final BooleanSupplier brokerReady;
    private final Supplier<Optional<String>> stuck;
    /** Set on the web verticle's event loop only. */
    private long lastWritten;

    HealthCheck(Vertx vertx, Database database, BooleanSupplier brokerReady, Supplier<Optional<String>> stuck) {
        this.vertx = vertx;
        this.database = database;
        this.brokerReady = brokerReady;
        this.stuck = stuck;
    }

    static void migrate(Database database) {
        database.session("health").migrate("health", SCHEMA);
    }

    /** Result of one check; ready only when alive and both the broker and the database are. */
    record Result(boolean brokerConnected, boolean databaseWritable, String databaseProblem, Optional<String> stuck) {
        boolean live() {
            return stuck.isEmpty();
        }

        boolean ready() {
            return live() && brokerConnected && databaseWritable;
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject().put("live", live()).put("ready", ready())
                    .put("broker", new JsonObject().put("connected", brokerConnected))
                    .put("database", new JsonObject().put("writable", databaseWritable));
            if (!databaseProblem.isEmpty()) json.getJsonObject("database").put("problem", databaseProblem);
            stuck.ifPresent(p -> json.put("problem", p));
            return json;
        }
    }

    Future<Result> check() {
        boolean broker = brokerReady.getAsBoolean();
        Optional<String> stuckNow = stuck.get();
        long now = System.nanoTime();
        // A probe every few seconds must not wear out a Pi's SD card: one write per interval at most.
        // ...but a database that has lost its file since (a full disk) says so at once
        if (lastWritten != 0 && now - lastWritten < PROBE_WRITE_INTERVAL.toNanos() && database.problem().isEmpty()) {
            return Future.succeededFuture(new Result(broker, true, "", stuckNow));
        }
        return vertx.executeBlocking(this::writeProbe, false)
                .map(v -> {
                    lastWritten = now;
                    return new Result(broker, true, "", stuckNow);
                })
                .recover(e -> Future.succeededFuture(new Result(broker, false, e.getMessage(), stuckNow)));
    }

    private Void writeProbe() {
        database.proveWritable();
        return null;
    }
}
