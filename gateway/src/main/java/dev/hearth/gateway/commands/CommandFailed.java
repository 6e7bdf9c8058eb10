package dev.hearth.gateway.commands;

import dev.hearth.gateway.bus.LocalMessage;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.time.Instant;
import java.util.Map;

/**
 * A command the device never confirmed: its state topic did not echo the requested values within the
 * timeout, however often it was sent. Published on {@code hearth.device.command-failed}.
 */
public record CommandFailed(DeviceId device, Map<String, Value> set, String correlationId, String origin, int attempts,
                            Instant at) implements LocalMessage {
    public CommandFailed {
        set = Map.copyOf(set);
    }
}
