package dev.hearth.gateway.device;

import java.time.Instant;

/** An attribute's current value, when it last changed and when it was last reported (changed or not). */
public record AttributeState(Value value, Instant lastChanged, Instant lastUpdated) {
}
