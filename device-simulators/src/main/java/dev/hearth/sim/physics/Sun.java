package dev.hearth.sim.physics;

import java.time.LocalTime;

/** Daylight as a half sine between sunrise and sunset; {@code peakLux} at solar noon, 0 at night. */
public record Sun(LocalTime sunrise, LocalTime sunset, double peakLux) {
    public Sun {
        if (!sunrise.isBefore(sunset)) {
            throw new IllegalArgumentException("sunrise must be before sunset");
        }
    }

    public static Sun autumn() {
        return new Sun(LocalTime.of(7, 30), LocalTime.of(18, 0), 20_000);
    }

    public double illuminanceAt(LocalTime time) {
        if (time.isBefore(sunrise) || !time.isBefore(sunset)) {
            return 0;
        }
        double day = sunset.toSecondOfDay() - sunrise.toSecondOfDay();
        double sinceSunrise = time.toSecondOfDay() - sunrise.toSecondOfDay();
        return peakLux * Math.sin(Math.PI * sinceSunrise / day);
    }
}
