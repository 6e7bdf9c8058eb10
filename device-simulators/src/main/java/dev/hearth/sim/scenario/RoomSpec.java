package dev.hearth.sim.scenario;

import dev.hearth.sim.device.DeviceSpec;
import dev.hearth.sim.physics.ThermalProperties;
import java.util.List;

/** A room: its starting temperature, thermal behaviour and devices. */
public record RoomSpec(String name, double initialTemperature, ThermalProperties thermal, List<DeviceSpec> devices) {
    public RoomSpec {
        devices = List.copyOf(devices);
    }
}
