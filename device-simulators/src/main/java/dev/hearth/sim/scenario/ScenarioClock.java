package dev.hearth.sim.scenario;

import dev.hearth.sim.time.SimTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The simulated clock of one scenario run: it reads the scenario's start (on its date, in the home's
 * zone) and stands still until {@link #release()}, then runs at the scenario's acceleration.
 * A gateway in the same process can read the same clock, so both agree on "18:02".
 */
public final class ScenarioClock implements SimTime {
    private final Instant start;
    private final double factor;
    private final ZoneId zone;
    private volatile long releasedAtNanos;
    private volatile boolean released;

    private ScenarioClock(Instant start, double factor, ZoneId zone) {
        this.start = start;
        this.factor = factor;
        this.zone = zone;
    }

    /** The scenario's start on its {@code date} (today in {@code zone} when it names none). */
    public static ScenarioClock of(Scenario scenario, ZoneId zone) {
        LocalDate date = scenario.date().orElse(LocalDate.now(zone));
        return new ScenarioClock(date.atTime(scenario.start()).atZone(zone).toInstant(), scenario.acceleration(), zone);
    }

    /** Starts the clock; later calls change nothing. */
    public synchronized void release() {
        if (!released) {
            releasedAtNanos = System.nanoTime();
            released = true;
        }
    }

    @Override
    public Instant now() {
        if (!released) {
            return start;
        }
        return start.plus(Duration.ofNanos((long) ((System.nanoTime() - releasedAtNanos) * factor)));
    }

    @Override
    public double acceleration() {
        return factor;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDateTime localNow() {
        return LocalDateTime.ofInstant(now(), zone);
    }
}
