package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.bus.LocalMessage;

import java.util.Map;
import java.util.Objects;

/** A request to set attributes of a device; {@code origin} says who asked (an automation id, "api", …). */
public record CommandRequested(DeviceId device, Map<String, Value> set, String origin) implements LocalMessage {
    public CommandRequested {
        Objects.requireNonNull(device, "device");
        set = Map.copyOf(set);
        if (set.isEmpty()) throw new IllegalArgumentException("a command sets at least one attribute");
    }
}
