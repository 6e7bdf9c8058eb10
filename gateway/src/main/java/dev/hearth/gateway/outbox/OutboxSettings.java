package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits of the outbox ({@code outbox:} in gateway.yaml): how long each kind of message is worth
 * delivering, how much may wait, and how often the broker may refuse a message before it becomes a
 * dead letter; and how commands are confirmed ({@code commands:}).
 */
public record OutboxSettings(Duration commandTtl, Duration telemetryTtl, int maxRows, long maxBytes, int deadLetterAfter,
                             ConfirmationSettings commands, Optional<UplinkSettings> uplink) {

    public static final OutboxSettings DEFAULTS = new OutboxSettings(Duration.ofMinutes(5), Duration.ofHours(24), 100_000,
            64L * 1024 * 1024, 3, ConfirmationSettings.DEFAULTS, Optional.empty());

    public OutboxSettings {
        Objects.requireNonNull(commandTtl, "commandTtl");
        Objects.requireNonNull(telemetryTtl, "telemetryTtl");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(uplink, "uplink");
        if (maxRows < 1 || maxBytes < 1 || deadLetterAfter < 1) throw new IllegalArgumentException("limits must be positive");
    }

    public Duration ttl(Publication.Kind kind) {
        return switch (kind) {
            case COMMAND -> commandTtl;
            case TELEMETRY -> telemetryTtl;
        };
    }
}
