package dev.hearth.gateway.mqtt;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect delay with jitter, so many gateways do not reconnect in lockstep. The step doubles from the
 * minimum up to the maximum; the delay is the step ±20 %, or with full jitter anywhere from zero to the step
 * ("exponential backoff and jitter", AWS architecture blog): a fleet's reconnects spread over the whole step.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final boolean full;
    private final DoubleSupplier random;
    private long nextMillis;

    /** {@code random} returns values in [0, 1). */
    Backoff(Duration min, Duration max, boolean fullJitter, DoubleSupplier random) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.full = fullJitter;
        this.random = random;
        this.nextMillis = minMillis;
    }

    /** The delay before the next attempt; then the step doubles up to the maximum. */
    Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        if (full) return Duration.ofMillis(Math.max(1, (long) (base * random.getAsDouble())));
        long jitter = (long) (base * 0.2 * (random.getAsDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(1, base + jitter));
    }

    void reset() {
        nextMillis = minMillis;
    }
}
