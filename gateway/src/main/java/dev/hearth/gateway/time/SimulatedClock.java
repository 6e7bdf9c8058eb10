package dev.hearth.gateway.time;

import dev.hearth.sim.time.SimTime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A {@link Clock} that reads a simulator's time, so gateway code that takes a Clock follows a scenario. */
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
