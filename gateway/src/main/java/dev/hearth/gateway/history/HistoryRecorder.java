package dev.hearth.gateway.history;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.StateChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every {@code StateChanged} into the history. Changes are buffered on this verticle's event loop
 * and written once a second in one transaction (a group commit, not one write per change; one row per
 * attribute and flush, see {@link HistoryChunk});
 * points older than the retention are deleted every hour.
 */
public final class HistoryRecorder extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(HistoryRecorder.class);
    private static final long FLUSH_EVERY_MS = 1_000;
    private static final long PRUNE_EVERY_MS = Duration.ofHours(1).toMillis();
    /** Past this many unwritten points (a database that stopped accepting writes), the oldest are dropped. */
    private static final int MAX_BUFFERED = 50_000;

    private final HistoryStore store;
    private final Duration retention;
    private final Clock clock;
    private final Counter recorded;
    private final Counter dropped;
    private ArrayDeque<HistoryPoint> buffer = new ArrayDeque<>();

    public HistoryRecorder(HistoryStore store, Duration retention, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.recorded = Counter.builder("hearth.history.recorded").description("State changes written to history").register(meters);
        this.dropped = Counter.builder("hearth.history.dropped").description("State changes not recorded: the database refused them too long").register(meters);
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<StateChanged>consumer(Addresses.DEVICE_STATE_CHANGED, m -> add(m.body()));
        vertx.setPeriodic(FLUSH_EVERY_MS, id -> flush());
        vertx.setPeriodic(1, PRUNE_EVERY_MS, id -> prune());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return flush();
    }

    private void add(StateChanged c) {
        if (buffer.size() >= MAX_BUFFERED) {
            buffer.removeFirst();
            dropped.increment();
        }
        buffer.add(new HistoryPoint(c.device(), c.attribute(), c.at(), c.value()));
    }

    private Future<Void> flush() {
        if (buffer.isEmpty()) return Future.succeededFuture();
        List<HistoryPoint> batch = new ArrayList<>(buffer);
        buffer = new ArrayDeque<>();
        return vertx.<Void>executeBlocking(() -> {
            store.append(batch);
            return null;
        }).onSuccess(v -> recorded.increment(batch.size())).recover(e -> {
            log.warn("History not written ({} changes kept for the next try): {}", batch.size(), e.getMessage());
            ArrayDeque<HistoryPoint> retry = new ArrayDeque<>(batch);
            retry.addAll(buffer);
            while (retry.size() > MAX_BUFFERED) {
                retry.removeFirst();
                dropped.increment();
            }
            buffer = retry;
            return Future.succeededFuture();
        });
    }

    private void prune() {
        vertx.executeBlocking(() -> store.deleteBefore(clock.instant().minus(retention)))
                .onSuccess(n -> { if (n > 0) log.debug("History: {} points older than {} deleted", n, retention); })
                .onFailure(e -> log.warn("History retention not applied: {}", e.getMessage()));
    }
}
