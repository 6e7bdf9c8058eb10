package dev.hearth.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.concurrent.TimeUnit;

/**
 * Measures how late a timer fires on the event loop it is deployed on: a blocked or overloaded
 * loop shows as lag ({@code hearth.eventloop.lag}, tagged with the loop's thread). Deploy one
 * instance per event loop. Real time on purpose: it measures the machine, not the home.
 */
public final class EventLoopLagProbe extends VerticleBase {
    static final long PERIOD_MS = 1_000;

    private final MeterRegistry registry;
    private Timer lag;
    private long expectedAt;

    public EventLoopLagProbe(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        lag = Timer.builder("hearth.eventloop.lag")
                .description("How late a 1 s timer fires on this event loop")
                .tag("loop", Thread.currentThread().getName())
                .register(registry);
        schedule();
        return Future.succeededFuture();
    }

    private void schedule() {
        expectedAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
        vertx.setTimer(PERIOD_MS, id -> {
            lag.record(Math.max(0, System.nanoTime() - expectedAt), TimeUnit.NANOSECONDS);
            schedule();
        });
    }
}
