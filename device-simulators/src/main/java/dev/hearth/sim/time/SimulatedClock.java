package dev.hearth.sim.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A {@link Clock} that reads a simulator's time, so code that takes a Clock (a gateway) follows a scenario. */
final class SimulatedClock extends Clock {
    private final SimTime time;
    private final ZoneId zone;

    SimulatedClock(SimTime time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SimulatedClock(time, other);
    }

    @Override
    public Instant instant() {
        return time.now();
    }
}
