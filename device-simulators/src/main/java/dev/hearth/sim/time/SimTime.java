package dev.hearth.sim.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Simulated wall-clock time; physics and scenarios read it so a day can pass in a minute. */
public interface SimTime {
    Instant now();

    /** Simulated seconds per real second. */
    double acceleration();

    /** Real time until {@code simulated} has passed in simulated time. */
    default Duration realDelay(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / acceleration()));
    }

    /** This time as a {@link Clock} in {@code zone}: what code outside the simulators (a gateway) reads time through. */
    default Clock clock(ZoneId zone) {
        return new SimulatedClock(this, zone);
    }

    static SimTime system() {
        return new AcceleratedTime(Instant.now(), 1.0, System::nanoTime);
    }

    /** Starts at {@code start} and runs {@code factor} times faster than real time. */
    static SimTime accelerated(Instant start, double factor) {
        return new AcceleratedTime(start, factor, System::nanoTime);
    }
}
