package dev.hearth.sim.load;

import java.util.concurrent.locks.LockSupport;

/**
 * Spreads events evenly at a fixed rate. Counts against the start time rather than sleeping a
 * fixed gap, so scheduler jitter does not accumulate into a lower rate.
 */
final class Pacer {
    private final double perSecond;
    private final long startNanos;
    private long issued;

    Pacer(double perSecond) {
        this.perSecond = perSecond;
        this.startNanos = System.nanoTime();
    }

    /** Events that are due now and not yet issued; parks briefly when none are. */
    long due() {
        long target = (long) ((System.nanoTime() - startNanos) / 1e9 * perSecond);
        long due = target - issued;
        if (due <= 0) {
            LockSupport.parkNanos(Math.min(1_000_000L, (long) (1e9 / perSecond)));
            return 0;
        }
        issued += due;
        return due;
    }
}
