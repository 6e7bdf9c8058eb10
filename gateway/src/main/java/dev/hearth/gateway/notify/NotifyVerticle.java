package dev.hearth.gateway.notify;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.time.Scheduler;
import dev.hearth.gateway.time.VertxScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Sends what automations dispatch ({@link Addresses#NOTIFY_DISPATCH}) off the home's loop, keeps what is undelivered in
 * the database ({@link DispatchStore}, written in order on a worker) and sends the trace of each delivery to the home
 * ({@link Addresses#NOTIFY_DELIVERED}), which keeps it with its automation's runs.
 */
public final class NotifyVerticle extends VerticleBase {
    private final NotifySettings settings;
    private final Optional<DispatchStore> store;
    private final Clock clock;
    private final MeterRegistry meters;
    private Senders senders;

    public NotifyVerticle(NotifySettings settings, Optional<DispatchStore> store, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public Future<?> start() {
        senders = new Senders(vertx, settings);
        Future<List<Pending>> waiting = store.isEmpty() ? Future.succeededFuture(List.of()) : vertx.executeBlocking(store.get()::all);
        return waiting.map(restored -> {
            Scheduler scheduler = new VertxScheduler(vertx, context, clock);
            Deliveries deliveries = new Deliveries(settings, scheduler, r -> senders.send(r).toCompletionStage(), journal(),
                    this::traced, 0);
            deliveries.restore(restored);
            vertx.eventBus().<Dispatch>consumer(Addresses.NOTIFY_DISPATCH, m -> deliveries.accept(m.body()));
            return null;
        });
    }

    private Deliveries.Journal journal() {
        return new Deliveries.Journal() {
            @Override
            public void queued(Pending p) {
                save(p);
            }

            @Override
            public void attempted(Pending p) {
                save(p);
            }

            @Override
            public void ended(long id) {
                store.ifPresent(s -> blocking(() -> s.delete(id)));
            }
        };
    }

    /** Encoded here, on the loop that owns the dispatch; written on a worker, in order. */
    private void save(Pending p) {
        String body = DispatchStore.encode(p).encode();
        store.ifPresent(s -> blocking(() -> s.save(p.id, body)));
    }

    private void blocking(Runnable write) {
        vertx.executeBlocking(() -> {
            write.run();
            return null;
        }, true);
    }

    private void traced(AutomationRun run) {
        meters.counter("hearth.notify.deliveries", "outcome", run.outcome() == AutomationRun.Outcome.RAN ? "delivered" : "failed")
                .increment();
        vertx.eventBus().send(Addresses.NOTIFY_DELIVERED, run);
    }

    @Override
    public Future<?> stop() {
        senders.close();
        return Future.succeededFuture();
    }
}
