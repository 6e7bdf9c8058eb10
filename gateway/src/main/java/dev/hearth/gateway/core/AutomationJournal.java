package dev.hearth.gateway.core;

import dev.hearth.gateway.automation.AutomationRun;
import dev.hearth.gateway.automation.EngineJournal;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.store.AutomationStore;
import dev.hearth.gateway.store.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what the engine and registry must not forget to H2, off the event loop and in group commits: changes of
 * one short window become one transaction (a commit per change would wear an SD card, see DESIGN.md). Later writes
 * to the same key replace earlier ones within a batch. Runs on the core's event loop.
 */
final class AutomationJournal implements EngineJournal {
    private static final Logger log = LoggerFactory.getLogger(AutomationJournal.class);
    /** How long changes gather before one commit. */
    static final long BATCH_MILLIS = 50;

    private final Vertx vertx;
    private final AutomationStore store;
    private Map<String, Sql<Void>> pending = new LinkedHashMap<>();
    private List<Sql<Void>> traces = new ArrayList<>();
    private boolean scheduled;
    private Future<Void> lastFlush = Future.succeededFuture();

    AutomationJournal(Vertx vertx, AutomationStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    void stateChanged(StateChanged c) {
        put("state:" + c.device() + "." + c.attribute(), conn -> {
            AutomationStore.saveState(conn, c.device().value(), c.attribute(), c.value(), c.at());
            return null;
        });
    }

    @Override
    public void timerStarted(PendingTimer timer) {
        put("timer:" + timer.key(), conn -> {
            AutomationStore.saveTimer(conn, timer);
            return null;
        });
    }

    @Override
    public void timerEnded(String key) {
        put("timer:" + key, conn -> {
            AutomationStore.deleteTimer(conn, key);
            return null;
        });
    }

    @Override
    public void clockFired(String key, Instant at) {
        put("clock:" + key, conn -> {
            AutomationStore.saveClock(conn, key, at);
            return null;
        });
    }

    @Override
    public void traced(AutomationRun run) {
        traces.add(conn -> {
            AutomationStore.saveTrace(conn, run);
            return null;
        });
        schedule();
    }

    private void put(String key, Sql<Void> write) {
        pending.remove(key);
        pending.put(key, write);
        schedule();
    }

    private void schedule() {
        if (scheduled) return;
        scheduled = true;
        vertx.setTimer(BATCH_MILLIS, t -> flush());
    }

    /** Commits everything gathered so far; the future completes when it is durable. */
    Future<Void> flush() {
        scheduled = false;
        if (pending.isEmpty() && traces.isEmpty()) return lastFlush;
        List<Sql<Void>> batch = new ArrayList<>(pending.values());
        batch.addAll(traces);
        pending = new LinkedHashMap<>();
        traces = new ArrayList<>();
        lastFlush = vertx.executeBlocking(() -> store.session().transaction((Connection c) -> {
            for (Sql<Void> w : batch) w.run(c);
            return null;
        }), true).<Void>mapEmpty().onFailure(e -> log.error("Automation state not saved: {}", e.getMessage()));
        return lastFlush;
    }
}
