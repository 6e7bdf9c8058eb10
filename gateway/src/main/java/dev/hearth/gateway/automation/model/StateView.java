package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;

import java.util.Map;
import java.util.Optional;

/** Read access to current device state, as automations see it. */
@FunctionalInterface
public interface StateView {
    Optional<Value> value(DeviceId device, String attribute);

    /** Every known attribute of a device as plain Java values (Boolean, Double, String), for expressions. */
    default Map<String, Object> attributes(DeviceId device) {
        return Map.of();
    }

    default Optional<java.time.Instant> lastChanged(DeviceId device, String attribute) {
        return Optional.empty();
    }

    default Availability availability(DeviceId device) {
        return Availability.UNKNOWN;
    }

    /** The devices known now (discovery adds and removes them): what a command to a room, kind or group reaches. */
    default java.util.Collection<DeviceSpec> devices() {
        return java.util.List.of();
    }
}
