package dev.hearth.sim.time;

import java.time.Duration;
import java.time.Instant;

/** Time that moves only when told to; for deterministic tests of physics and energy. */
public final class ManualTime implements SimTime {
    private volatile Instant now;

    public ManualTime(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public double acceleration() {
        return 1.0;
    }
}
