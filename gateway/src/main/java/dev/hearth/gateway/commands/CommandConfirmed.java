package dev.hearth.gateway.commands;

import dev.hearth.gateway.bus.LocalMessage;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A command its device confirmed: a state report echoed every requested value it reports, {@code took} after the
 * request (resends included). Published on {@code hearth.device.command-confirmed}, for the logbook.
 */
public record CommandConfirmed(DeviceId device, Map<String, Value> set, String correlationId, String origin, int attempts,
                               Duration took, Instant at) implements LocalMessage {
    public CommandConfirmed {
        set = Map.copyOf(set);
    }
}
