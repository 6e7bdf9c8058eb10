package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.LocalMessage;

/** What waits to be sent to the broker, for the dashboard, /health and metrics. */
public record OutboxStatus(boolean connected, long queued, long queuedBytes, long oldestAgeMillis,
                           double drainPerSecond, long dropped, long expired, long deadLetters) implements LocalMessage {

    /** The request body on {@code hearth.outbox.status}. */
    public record Query() implements LocalMessage {
    }
}
