package dev.hearth.sim.time;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/** Simulated time that advances {@code factor} times faster than a nanosecond ticker. */
public final class AcceleratedTime implements SimTime {
    private final Instant start;
    private final double factor;
    private final LongSupplier nanoTicker;
    private final long startNanos;

    public AcceleratedTime(Instant start, double factor, LongSupplier nanoTicker) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("acceleration must be positive: " + factor);
        }
        this.start = start;
        this.factor = factor;
        this.nanoTicker = nanoTicker;
        this.startNanos = nanoTicker.getAsLong();
    }

    @Override
    public Instant now() {
        long realNanos = nanoTicker.getAsLong() - startNanos;
        return start.plus(Duration.ofNanos((long) (realNanos * factor)));
    }

    @Override
    public double acceleration() {
        return factor;
    }
}
