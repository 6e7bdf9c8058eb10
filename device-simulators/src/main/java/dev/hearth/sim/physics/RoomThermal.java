package dev.hearth.sim.physics;

import java.time.Duration;

/** The temperature of one room, advanced in small explicit steps; pure and not thread-safe. */
public final class RoomThermal {
    private static final double MAX_STEP_HOURS = 1.0 / 60; // one simulated minute keeps Euler stable

    private final ThermalProperties properties;
    private double temperature;

    public RoomThermal(ThermalProperties properties, double initialTemperature) {
        this.properties = properties;
        this.temperature = initialTemperature;
    }

    public double temperature() {
        return temperature;
    }

    public double step(Duration elapsed, double outside, boolean heating, boolean windowOpen) {
        double remaining = elapsed.toNanos() / 3.6e12;
        while (remaining > 0) {
            double h = Math.min(remaining, MAX_STEP_HOURS);
            temperature += h * rate(outside, heating, windowOpen);
            remaining -= h;
        }
        return temperature;
    }

    private double rate(double outside, boolean heating, boolean windowOpen) {
        double loss = properties.lossPerHour() * (windowOpen ? properties.windowFactor() : 1.0);
        return -loss * (temperature - outside) + (heating ? properties.heaterKPerHour() : 0.0);
    }
}
