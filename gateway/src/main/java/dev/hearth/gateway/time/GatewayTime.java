package dev.hearth.gateway.time;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The gateway's clock and the pace its timers run at. Production runs on the system clock at 1x; the
 * demo and scenario verification (the distribution's tools) run on a simulator's clock, seen as a
 * {@link Clock}, {@code acceleration} times faster, so a {@code for: 10m} passes in a second at 600x
 * and "18:02" means the same to devices and automations.
 */
public record GatewayTime(Clock clock, double acceleration) {
    public GatewayTime {
        if (!(acceleration > 0)) throw new IllegalArgumentException("acceleration must be positive: " + acceleration);
    }

    public static GatewayTime system(ZoneId zone) {
        return new GatewayTime(Clock.system(zone), 1.0);
    }
}
