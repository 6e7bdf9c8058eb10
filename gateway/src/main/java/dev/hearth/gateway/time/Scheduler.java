package dev.hearth.gateway.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The only source of time for gateway logic. Production runs on Vert.x timers; tests use
 * {@link VirtualScheduler} so that a {@code for: 10m} is checked in milliseconds.
 * Implementations run every task on the single thread that owns the automation core.
 */
public interface Scheduler {

    Instant now();

    ZoneId zone();

    /** Runs {@code task} once after {@code delay}; a zero or negative delay runs it on the next turn. */
    Cancellable schedule(Duration delay, Runnable task);

    @FunctionalInterface
    interface Cancellable {
        /** Returns true if the task had not yet run and now never will. */
        boolean cancel();
    }
}
