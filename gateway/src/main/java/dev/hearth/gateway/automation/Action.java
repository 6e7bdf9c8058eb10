package dev.hearth.gateway.automation;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.util.Map;
import java.util.Objects;

/** What an automation does. */
public sealed interface Action permits Action.Command {

    /** Set attributes of a device (validated against the device at load time). */
    record Command(DeviceId device, Map<String, Value> set) implements Action {
        public Command {
            Objects.requireNonNull(device, "device");
            set = Map.copyOf(set);
        }
    }
}
