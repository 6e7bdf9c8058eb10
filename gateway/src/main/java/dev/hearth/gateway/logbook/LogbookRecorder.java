package dev.hearth.gateway.logbook;

import dev.hearth.gateway.automation.trace.AutomationRuns;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandConfirmed;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.history.HistorySettings;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes the logbook from the bus's fan-out (state changes, availability, automation runs, confirmed and failed commands), off the
 * home's loop: entries gather on this verticle's event loop, are published at once on {@code hearth.logbook.entries}
 * (the dashboard appends them) and written every {@code history.commit_interval} in one transaction. Entries older
 * than {@code history.retention} are deleted every hour. A request on {@code hearth.logbook.flush} commits what is waiting
 * at once and is answered when every entry published before it is written, so that a page read then shows them.
 */
public final class LogbookRecorder extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(LogbookRecorder.class);
    private static final long PRUNE_EVERY_MS = Duration.ofHours(1).toMillis();
    /**
     * Past this many entries waiting (a database that cannot be written: a full disk), the oldest are dropped: some
     * 5 MiB of heap, a few minutes of a busy home, well within a 64 MiB heap.
     */
    static final int MAX_WAITING = 20_000;
    private static final Duration TELL_EVERY = Duration.ofMinutes(1);

    private final LogbookStore store;
    private final HistorySettings settings;
    private final Clock clock;
    private final LogbookTexts texts;
    private final Counter recorded;
    private final Counter dropped;
    private final BoundedRate drops = new BoundedRate(TELL_EVERY);
    private final BoundedRate failures = new BoundedRate(TELL_EVERY);
    private List<LogbookEntry> waiting = new ArrayList<>();
    /** The newest write; writes run one after another (ordered blocking tasks), so it ends after every earlier one. */
    private Future<Void> lastWrite = Future.succeededFuture();
    private long lastId;

    public LogbookRecorder(LogbookStore store, HistorySettings settings, Clock clock, Function<DeviceId, Optional<DeviceSpec>> devices,
                           MeterRegistry meters) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.texts = new LogbookTexts(devices);
        this.recorded = Counter.builder("hearth.logbook.recorded").description("Logbook entries written").register(meters);
        this.dropped = Counter.builder("hearth.logbook.dropped")
                .description("Logbook entries not recorded: the database refused them too long").register(meters);
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(store::lastId).onSuccess(last -> {
            lastId = last;
            var bus = vertx.eventBus();
            bus.<StateChanges>consumer(Addresses.DEVICE_STATE_CHANGED, m -> add(m.body().changes().stream().map(c -> texts.state(++lastId, c)).toList()));
            bus.<AvailabilityChanged>consumer(Addresses.DEVICE_AVAILABILITY_CHANGED, m -> add(List.of(texts.availability(++lastId, m.body()))));
            bus.<AutomationRuns>consumer(Addresses.AUTOMATION_RUN, m -> add(m.body().runs().stream().map(r -> texts.run(++lastId, r)).toList()));
            bus.<CommandFailed>consumer(Addresses.DEVICE_COMMAND_FAILED, m -> add(List.of(texts.commandFailed(++lastId, m.body()))));
            bus.<CommandConfirmed>consumer(Addresses.DEVICE_COMMAND_CONFIRMED, m -> add(List.of(texts.commandConfirmed(++lastId, m.body()))));
            bus.<LogbookEntries.Flush>consumer(Addresses.LOGBOOK_FLUSH, m -> flush().onComplete(r -> m.reply(m.body())));
            vertx.setPeriodic(settings.commitInterval().toMillis(), id -> flush());
            vertx.setPeriodic(1, PRUNE_EVERY_MS, id -> prune());
        });
    }

    @Override
    public Future<?> stop() {
        return flush();
    }

    private void add(List<LogbookEntry> entries) {
        waiting.addAll(entries);
        vertx.eventBus().publish(Addresses.LOGBOOK_ENTRIES, new LogbookEntries(entries));
        if (waiting.size() > MAX_WAITING) dropOldest();
    }

    /** Keeps the newest {@link #MAX_WAITING}, counted and told at a bounded rate: never silently, never out of memory. */
    private void dropOldest() {
        int excess = waiting.size() - MAX_WAITING;
        waiting.subList(0, excess).clear();
        dropped.increment(excess);
        Instant now = clock.instant();
        drops.count(excess, now).ifPresent(t -> log.warn("Logbook: {} entries not recorded{}: the database has not accepted writes"
                + " for a while; the oldest waiting are dropped to keep the newest {} (hearth.logbook.dropped)", t.count(), t.since(), MAX_WAITING));
    }

    private Future<Void> flush() {
        if (waiting.isEmpty()) return lastWrite;
        List<LogbookEntry> batch = waiting;
        waiting = new ArrayList<>();
        lastWrite = vertx.<Void>executeBlocking(() -> {
            store.append(batch);
            return null;
        }).onSuccess(v -> recorded.increment(batch.size())).recover(e -> {
            Instant now = clock.instant();
            failures.count(1, now).ifPresent(t -> log.warn("Logbook not written ({} failed writes{}; {} entries kept for the next try): {}",
                    t.count(), t.since(), batch.size() + waiting.size(), e.getMessage()));
            batch.addAll(waiting);
            waiting = batch;
            if (waiting.size() > MAX_WAITING) dropOldest();
            return Future.succeededFuture();
        });
        return lastWrite;
    }

    private void prune() {
        vertx.executeBlocking(() -> store.deleteBefore(clock.instant().minus(settings.retention())))
                .onSuccess(n -> { if (n > 0) log.debug("Logbook: {} entries older than {} deleted", n, settings.retention()); })
                .onFailure(e -> log.warn("Logbook retention not applied: {}", e.getMessage()));
    }
}
