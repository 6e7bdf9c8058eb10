package dev.hearth.gateway.automation;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.util.Optional;

/** Read access to current device state, as automations see it. */
@FunctionalInterface
public interface StateView {
    Optional<Value> value(DeviceId device, String attribute);
}
