package dev.hearth.gateway.history;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.logging.BoundedRate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every {@code StateChanged} into the history. Changes are encoded as they arrive into one
 * buffer per attribute (see {@link HistoryChunk}) on this verticle's event loop, and written every
 * {@code history.commit_interval} in one transaction: a row per attribute and interval, not per change.
 * A crash loses at most that interval of history. Points older than the retention are deleted every hour.
 */
public final class HistoryRecorder extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(HistoryRecorder.class);
    private static final long PRUNE_EVERY_MS = Duration.ofHours(1).toMillis();
    /**
     * Past this many encoded bytes waiting (a database that cannot be written: a full disk), the oldest chunks waiting
     * are dropped (new changes when none is left): about 370,000 numeric points, within a 64 MiB heap.
     */
    static final long MAX_BUFFERED_BYTES = 4L << 20;
    private static final Duration TELL_EVERY = Duration.ofMinutes(1);
    /** Heap a chunk costs besides its encoded points: the record, its strings' references, the array header. */
    private static final long CHUNK_OVERHEAD = 96;

    private final HistoryStore store;
    private final HistorySettings settings;
    private final Clock clock;
    private final Counter recorded;
    private final Counter dropped;
    private final BoundedRate drops = new BoundedRate(TELL_EVERY);
    private final BoundedRate failures = new BoundedRate(TELL_EVERY);
    private Map<HistoryChunk.Series, HistoryChunk.Accumulator> gathering = new HashMap<>();
    /** Chunks a failed write left, written first next time. */
    private List<HistoryChunk> unwritten = new ArrayList<>();
    private long bufferedBytes;

    public HistoryRecorder(HistoryStore store, HistorySettings settings, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.recorded = Counter.builder("hearth.history.recorded").description("State changes written to history").register(meters);
        this.dropped = Counter.builder("hearth.history.dropped").description("State changes not recorded: the database refused them too long").register(meters);
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<StateChanges>consumer(Addresses.DEVICE_STATE_CHANGED, m -> m.body().changes().forEach(this::add));
        vertx.setPeriodic(settings.commitInterval().toMillis(), id -> flush());
        vertx.setPeriodic(1, PRUNE_EVERY_MS, id -> prune());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return flush();
    }

    private void add(StateChanged c) {
        while (bufferedBytes >= MAX_BUFFERED_BYTES) {
            // what gathered since the last try is newer than what waits from it: it becomes chunks behind it
            gathering.values().forEach(a -> a.chunks().forEach(chunk -> {
                unwritten.add(chunk);
                bufferedBytes += CHUNK_OVERHEAD;
            }));
            gathering = new HashMap<>();
            if (unwritten.isEmpty()) {
                dropped(1);
                return;
            }
            HistoryChunk oldest = unwritten.remove(0);
            bufferedBytes = Math.max(0, bufferedBytes - weight(oldest));
            dropped(oldest.count());
        }
        bufferedBytes += gathering.computeIfAbsent(new HistoryChunk.Series(c.device(), c.attribute()),
                s -> new HistoryChunk.Accumulator(s.device(), s.attribute())).add(c.at(), c.value());
    }

    private Future<Void> flush() {
        if (gathering.isEmpty() && unwritten.isEmpty()) return Future.succeededFuture();
        List<HistoryChunk> batch = new ArrayList<>(unwritten);
        gathering.values().forEach(a -> batch.addAll(a.chunks()));
        gathering = new HashMap<>();
        unwritten = new ArrayList<>();
        bufferedBytes = 0;
        return vertx.<Void>executeBlocking(() -> {
            store.write(batch);
            return null;
        }).onSuccess(v -> recorded.increment(batch.stream().mapToInt(HistoryChunk::count).sum())).recover(e -> {
            Instant now = clock.instant();
            failures.count(1, now).ifPresent(t -> log.warn("History not written ({} failed writes{}; {} rows kept for the next try): {}",
                    t.count(), t.since(), batch.size() + unwritten.size(), e.getMessage()));
            // what waits counts as chunks now: a failed try each interval leaves a chunk per series, however few its points
            bufferedBytes += batch.stream().mapToLong(HistoryRecorder::weight).sum();
            batch.addAll(unwritten);
            unwritten = batch;
            return Future.succeededFuture();
        });
    }

    /** A waiting chunk's share of the heap: its bytes, and its record and array (a chunk of one point is mostly those). */
    private static long weight(HistoryChunk chunk) {
        return chunk.data().length + CHUNK_OVERHEAD;
    }

    /** Counted and told at a bounded rate: never silently, never out of memory. */
    private void dropped(int points) {
        dropped.increment(points);
        Instant now = clock.instant();
        drops.count(points, now).ifPresent(t -> log.warn("History: {} changes not recorded{}: the database has not accepted writes"
                + " for a while; the oldest waiting are dropped (hearth.history.dropped)", t.count(), t.since()));
    }

    private void prune() {
        vertx.executeBlocking(() -> store.deleteBefore(clock.instant().minus(settings.retention())))
                .onSuccess(n -> { if (n > 0) log.debug("History: {} points older than {} deleted", n, settings.retention()); })
                .onFailure(e -> log.warn("History retention not applied: {}", e.getMessage()));
    }
}
