package dev.hearth.gateway.time;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Wall-clock scheduler on one Vert.x context: tasks run on that context's event loop. */
public final class VertxScheduler implements Scheduler {
    private final Vertx vertx;
    private final Context context;
    private final Clock clock;

    public VertxScheduler(Vertx vertx, Context context, Clock clock) {
        this.vertx = vertx;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public ZoneId zone() {
        return clock.getZone();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long millis = delay.toMillis();
        if (millis < 1) {
            boolean[] cancelled = {false};
            context.runOnContext(v -> {
                if (!cancelled[0]) task.run();
            });
            return () -> !cancelled[0] && (cancelled[0] = true);
        }
        long id = vertx.setTimer(millis, t -> context.runOnContext(v -> task.run()));
        return () -> vertx.cancelTimer(id);
    }
}
