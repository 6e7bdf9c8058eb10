package dev.hearth.sim.physics;

import java.time.LocalTime;

/**
 * Outside temperature over a day: a cosine between {@code min} (just before sunrise, at
 * {@code coldestHour}) and {@code max} twelve hours later.
 */
public record OutsideClimate(double min, double max, double coldestHour) {
    public OutsideClimate {
        if (min > max) {
            throw new IllegalArgumentException("outside min " + min + " is above max " + max);
        }
    }

    public static OutsideClimate autumn() {
        return new OutsideClimate(4.0, 12.0, 5.0);
    }

    public double temperatureAt(LocalTime time) {
        double hours = time.toSecondOfDay() / 3600.0;
        double phase = 2 * Math.PI * (hours - coldestHour) / 24.0;
        return min + (max - min) * (1 - Math.cos(phase)) / 2;
    }
}
