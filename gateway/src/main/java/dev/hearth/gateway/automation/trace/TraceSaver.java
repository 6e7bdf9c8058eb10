package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.logging.BoundedRate;
import dev.hearth.gateway.store.StoreUnavailable;
import dev.hearth.gateway.time.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Saves traces in batches. Traces are only what someone may want to read later, and writing one per run was the
 * largest CPU share of a busy gateway (bench/NOTES.md): they wait in memory ({@link UnsavedTraces}, the newest
 * {@link AutomationRun#KEPT} of each automation) and are saved every {@code saveEvery} and on request (a clean stop),
 * in a transaction of their own, a row per automation: one that ran 300 times since the last save costs one row of
 * {@code KEPT} traces. A crash loses at most the traces of one interval; the dashboard serves them from the engine's
 * memory meanwhile. Runs on the core's event loop.
 */
public final class TraceSaver {
    private static final Logger log = LoggerFactory.getLogger(TraceSaver.class);

    private final Vertx vertx;
    private final TraceStore store;
    private final Scheduler clock;
    private final Duration saveEvery;
    private final UnsavedTraces unsaved = new UnsavedTraces(AutomationRun.KEPT);
    private Scheduler.Cancellable nextSave;
    /** The last save: saves run one after the other. */
    private Future<Void> saved = Future.succeededFuture();
    private final BoundedRate dropped = new BoundedRate(Duration.ofMinutes(1));

    /** {@code clock} runs on the core's event loop; traces are saved {@code saveEvery} after the first unsaved one. */
    public TraceSaver(Vertx vertx, TraceStore store, Scheduler clock, Duration saveEvery) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.saveEvery = saveEvery;
    }

    /** Kept in memory until the next save: no write, no timer per run. */
    public void traced(AutomationRun run) {
        unsaved.add(run);
        if (nextSave == null) nextSave = clock.schedule(saveEvery, this::save);
    }

    /**
     * Writes the traces gathered since the last save, after that save is done, off the event loop (unordered: other
     * commits never wait for it). Also before the database is read for traces older than those in memory.
     */
    public Future<Void> save() {
        if (nextSave != null) nextSave.cancel();
        nextSave = null;
        if (unsaved.isEmpty()) return saved;
        UnsavedTraces.Taken taken = unsaved.take();
        saved = saved.transform(previous -> vertx.<Void>executeBlocking(() -> {
            store.save(taken.runs(), taken.prune());
            return null;
        }, false)).onFailure(e -> notSaved(taken.runs().size(), e));
        return saved;
    }

    /**
     * Traces not saved are dropped (the newest stay in the engine's memory): while the database cannot be written
     * (see {@code store.Database}, which says why once) a line a minute with the count, not one per save.
     */
    private void notSaved(int runs, Throwable e) {
        if (!(e instanceof StoreUnavailable)) {
            log.error("Automation traces not saved: {}", e.getMessage());
            return;
        }
        dropped.count(runs, clock.now()).ifPresent(t -> log.warn("Automation traces: {} runs not saved{} ({}); they are dropped, the"
                + " newest stay in memory", t.count(), t.since(), e.getMessage()));
    }

    /** Completes when the save under way is done, without starting one. */
    public Future<Void> saved() {
        return saved;
    }
}
