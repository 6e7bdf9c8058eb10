package dev.hearth.gateway.time;

import dev.hearth.sim.time.SimTime;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The gateway's clock and the pace its timers run at. Production runs on the system clock at 1x;
 * the demo and scenario verification run on a simulator's clock, {@code acceleration} times faster,
 * so a {@code for: 10m} passes in a second at 600x and "18:02" means the same to devices and automations.
 */
public record GatewayTime(Clock clock, double acceleration) {
    public GatewayTime {
        if (!(acceleration > 0)) throw new IllegalArgumentException("acceleration must be positive: " + acceleration);
    }

    public static GatewayTime system(ZoneId zone) {
        return new GatewayTime(Clock.system(zone), 1.0);
    }

    /** Reads {@code time} (a scenario's clock) in {@code zone}, with timers at its acceleration. */
    public static GatewayTime simulated(SimTime time, ZoneId zone) {
        return new GatewayTime(new SimulatedClock(time, zone), time.acceleration());
    }
}
