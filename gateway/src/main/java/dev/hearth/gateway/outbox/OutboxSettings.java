package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the outbox ({@code outbox:} in gateway.yaml): how long each kind of message is worth
 * delivering, how much may wait, and how often the broker may refuse a message before it becomes a
 * dead letter.
 */
public record OutboxSettings(Duration commandTtl, Duration telemetryTtl, int maxRows, long maxBytes, int deadLetterAfter) {

    public static final OutboxSettings DEFAULTS = new OutboxSettings(Duration.ofMinutes(5), Duration.ofHours(24), 100_000,
            64L * 1024 * 1024, 3);

    public OutboxSettings {
        Objects.requireNonNull(commandTtl, "commandTtl");
        Objects.requireNonNull(telemetryTtl, "telemetryTtl");
        if (maxRows < 1 || maxBytes < 1 || deadLetterAfter < 1) throw new IllegalArgumentException("limits must be positive");
    }

    public Duration ttl(Publication.Kind kind) {
        return switch (kind) {
            case COMMAND -> commandTtl;
            case TELEMETRY -> telemetryTtl;
        };
    }
}
