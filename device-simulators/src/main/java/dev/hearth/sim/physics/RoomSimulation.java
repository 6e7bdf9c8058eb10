package dev.hearth.sim.physics;

import dev.hearth.sim.device.ContactSensor;
import dev.hearth.sim.device.IlluminanceSensor;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.SimulatedDevice;
import dev.hearth.sim.device.TemperatureSensor;
import dev.hearth.sim.device.Thermostat;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Closes the loop for one room: thermostats heat it, open windows cool it, the sun and the
 * room's lights light it, and its sensors report what results whenever a reading changes.
 */
public final class RoomSimulation {
    private static final double WINDOW_TRANSMISSION = 0.02;
    private static final double LUX_PER_LIGHT = 250;

    private final String name;
    private final RoomThermal thermal;
    private final List<SimulatedDevice> devices;
    private double reportedTemperature = Double.NaN;
    private double reportedLux = Double.NaN;

    public RoomSimulation(String name, RoomThermal thermal, List<SimulatedDevice> devices) {
        this.name = name;
        this.thermal = thermal;
        this.devices = List.copyOf(devices);
    }

    public String name() {
        return name;
    }

    public double temperature() {
        return thermal.temperature();
    }

    public double illuminance(LocalTime time, Sun sun) {
        double lights = of(Light.class).stream()
                .filter(l -> "ON".equals(l.state()))
                .mapToDouble(l -> LUX_PER_LIGHT * l.brightness() / 254.0)
                .sum();
        return sun.illuminanceAt(time) * WINDOW_TRANSMISSION + lights;
    }

    public void advance(Duration elapsed, LocalTime time, OutsideClimate outside, Sun sun) {
        boolean heating = of(Thermostat.class).stream().anyMatch(Thermostat::isHeating);
        boolean windowOpen = of(ContactSensor.class).stream().anyMatch(c -> !c.isClosed());
        thermal.step(elapsed, outside.temperatureAt(time), heating, windowOpen);
        reportTemperature();
        reportIlluminance(illuminance(time, sun));
    }

    private void reportTemperature() {
        double t = Math.round(thermal.temperature() * 10) / 10.0;
        if (t == reportedTemperature) {
            return;
        }
        reportedTemperature = t;
        of(TemperatureSensor.class).forEach(s -> s.report(t, 50.0));
        of(Thermostat.class).forEach(s -> s.setLocalTemperature(t));
    }

    /** Real lux sensors report on change beyond a small threshold, not on every flicker. */
    private void reportIlluminance(double lux) {
        if (!Double.isNaN(reportedLux) && Math.abs(lux - reportedLux) < Math.max(2, reportedLux * 0.05)) {
            return;
        }
        reportedLux = lux;
        of(IlluminanceSensor.class).forEach(s -> s.report(lux));
    }

    private <T> List<T> of(Class<T> type) {
        return devices.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
