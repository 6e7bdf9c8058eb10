package dev.hearth.gateway.time;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Scheduler on one Vert.x context: tasks run on that context's event loop. Delays are divided by
 * {@code acceleration} (1 in production), so a gateway can keep pace with a simulated clock.
 */
public final class VertxScheduler implements Scheduler {
    private final Vertx vertx;
    private final Context context;
    private final Clock clock;
    private final double acceleration;

    public VertxScheduler(Vertx vertx, Context context, Clock clock) {
        this(vertx, context, clock, 1.0);
    }

    public VertxScheduler(Vertx vertx, Context context, Clock clock, double acceleration) {
        this.vertx = vertx;
        this.context = context;
        this.clock = clock;
        this.acceleration = acceleration;
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
        long millis = (long) (delay.toMillis() / acceleration);
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
