package dev.hearth.gateway.journal;

import dev.hearth.gateway.automation.trace.TraceSaver;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.run.EngineJournal;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.store.Session;
import dev.hearth.gateway.store.Sql;
import dev.hearth.gateway.store.StoreException;
import dev.hearth.gateway.store.StoreUnavailable;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.time.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what the engine and registry must not forget to H2, off the event loop and in group commits: changes of
 * one short window become one transaction (a commit per change would wear an SD card, see DESIGN.md). Later writes
 * to the same key replace earlier ones within a batch. One batch is written at a time: while it is, the next one
 * gathers, so under a flood of sensor messages the batches grow and each attribute is written once per batch
 * (at most once per BATCH_MILLIS), not once per message. A batch's states are one row of a log whatever their number,
 * folded into the state table every {@link #COMPACT_AFTER} batches (AutomationStore#logStates): a row per attribute and
 * batch was most of what the gateway allocated between two young collections under a flood (bench/NOTES.md).
 * Runs on the core's event loop.
 * <p>
 * Device state, pending timers and clock progress go into the next batch at once: a restart must find them. Traces
 * are saved apart, in batches of their own ({@link TraceSaver}), every {@code traceSaveEvery} and on {@link #flush}
 * (a clean stop).
 */
public final class AutomationJournal implements EngineJournal {
    private static final Logger log = LoggerFactory.getLogger(AutomationJournal.class);
    /** How long changes gather before one commit. */
    static final long BATCH_MILLIS = 50;
    /**
     * Batches of state logged between two folds of the log into the state table (about 5 s of steady changes): each
     * attribute changed meanwhile is then written once, not once per batch. The first batch after a start folds too.
     */
    static final int COMPACT_AFTER = 100;

    private final Vertx vertx;
    private final AutomationStore store;
    private final TraceSaver traces;
    private Batch gathering = new Batch();
    private boolean scheduled;
    private boolean writing;
    private int loggedSinceCompaction = COMPACT_AFTER;
    private Future<Void> lastWrite = Future.succeededFuture();

    /** {@code traceClock} runs on the core's event loop; traces are saved {@code traceSaveEvery} after the first unsaved one. */
    public AutomationJournal(Vertx vertx, AutomationStore store, Scheduler traceClock, Duration traceSaveEvery) {
        this.vertx = vertx;
        this.store = store;
        this.traces = new TraceSaver(vertx, store.traces(), traceClock, traceSaveEvery);
    }

    /** What one commit writes, and the promise of its durability. */
    private static final class Batch {
        final Map<AttributeKey, AutomationStore.StoredState> states = new LinkedHashMap<>();
        final Map<String, Sql<Void>> others = new LinkedHashMap<>();
        final Promise<Void> written = Promise.promise();
        boolean compact;

        boolean isEmpty() {
            return states.isEmpty() && others.isEmpty();
        }

        /** The states as one row of the log (see {@link AutomationStore#logStates}), folded into the table when it is time. */
        void write(Connection c) throws SQLException {
            AutomationStore.logStates(c, states.values());
            if (compact) AutomationStore.compactStates(c);
            for (Sql<Void> w : others.values()) w.run(c);
        }

        /**
         * After the batch as a whole failed: each change in a transaction of its own, so that one that cannot be
         * stored (a value the table refuses, say) costs only itself. Returns what was not saved, in words; it is
         * dropped, not retried: the next change of the same key is saved or refused on its own merits.
         */
        List<String> writeApart(Session session) {
            List<String> lost = new ArrayList<>();
            for (AutomationStore.StoredState s : states.values()) {
                apart(session, s.device() + "." + s.attribute(), c -> {
                    AutomationStore.logStates(c, List.of(s));
                    return null;
                }, lost);
            }
            for (Map.Entry<String, Sql<Void>> w : others.entrySet()) apart(session, w.getKey(), w.getValue(), lost);
            return lost;
        }

        private static void apart(Session session, String what, Sql<Void> write, List<String> lost) {
            try {
                session.transaction(write);
            } catch (StoreUnavailable e) {
                throw e;
            } catch (StoreException e) {
                lost.add(what + " (" + e.getMessage() + ")");
            }
        }
    }

    private record AttributeKey(DeviceId device, String attribute) {
    }

    public void stateChanged(StateChanged c) {
        gathering.states.put(new AttributeKey(c.device(), c.attribute()),
                new AutomationStore.StoredState(c.device().value(), c.attribute(), c.value(), c.at()));
        schedule();
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

    /** Kept in memory until the next save of traces (see {@link TraceSaver}). */
    @Override
    public void traced(AutomationRun run) {
        traces.traced(run);
    }

    /**
     * Writes the traces gathered since the last save, in parallel with the batches: the commits of state and timers
     * never wait for it. Also before the database is read for traces older than those the engine keeps in memory.
     */
    public Future<Void> saveTraces() {
        return traces.save();
    }

    private void put(String key, Sql<Void> write) {
        gathering.others.remove(key);
        gathering.others.put(key, write);
        schedule();
    }

    /**
     * The batch is written BATCH_MILLIS after its first change, or BATCH_MILLIS after the batch before it was written:
     * at most one commit per BATCH_MILLIS, however long each takes.
     */
    private void schedule() {
        if (scheduled || writing) return;
        scheduled = true;
        vertx.setTimer(BATCH_MILLIS, t -> {
            scheduled = false;
            if (!writing) write();
        });
    }

    /** Commits everything gathered so far, unsaved traces too (a clean stop); the future completes when it is durable. */
    public Future<Void> flush() {
        Future<Void> traces = saveTraces();
        if (gathering.isEmpty()) return Future.all(lastWrite, traces).mapEmpty();
        Future<Void> done = gathering.written.future();
        if (!writing) write();
        return Future.all(done, traces).mapEmpty();
    }

    /** Completes when what was gathered and the traces being saved are durable, without hurrying anything (for tests). */
    Future<Void> written() {
        return Future.all(gathering.isEmpty() ? lastWrite : gathering.written.future(), traces.saved()).mapEmpty();
    }

    private void write() {
        if (gathering.isEmpty()) return;
        Batch batch = gathering;
        gathering = new Batch();
        if (!batch.states.isEmpty() && ++loggedSinceCompaction >= COMPACT_AFTER) {
            batch.compact = true;
            loggedSinceCompaction = 0;
        }
        writing = true;
        lastWrite = batch.written.future();
        vertx.executeBlocking(() -> commit(batch), true).onComplete(done -> {
            writing = false;
            if (done.cause() instanceof StoreUnavailable) keepForNextTry(batch);
            batch.written.handle(done.mapEmpty());
            if (!gathering.isEmpty()) schedule();
        });
    }

    /**
     * The database cannot be written for now (a full disk; {@code store.Database} says so and reopens by itself): the
     * batch goes back under what was gathered since, newer values winning. It stays bounded: a state per attribute, a
     * write per timer or clock key. Whoever waited on it hears of the failure; the next batch writes it.
     */
    private void keepForNextTry(Batch failed) {
        failed.states.forEach(gathering.states::putIfAbsent);
        failed.others.forEach(gathering.others::putIfAbsent);
        gathering.compact |= failed.compact;
    }

    /** One transaction for the batch; if that fails, each change apart (see {@link Batch#writeApart}). */
    private Void commit(Batch batch) {
        Session session = store.session();
        try {
            return session.transaction((Connection c) -> {
                batch.write(c);
                return null;
            });
        } catch (StoreUnavailable away) {
            throw away;
        } catch (StoreException whole) {
            List<String> lost = batch.writeApart(session);
            if (lost.isEmpty()) return null;
            log.error("Automation state: {} of {} changes could not be saved and are dropped (the others are saved): {}",
                    lost.size(), batch.states.size() + batch.others.size(), String.join("; ", lost));
            if (lost.size() == batch.states.size() + batch.others.size()) throw whole;
            return null;
        }
    }
}
