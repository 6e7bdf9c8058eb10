package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.LocalMessage;

/**
 * What waits to be sent to the broker, for the dashboard, /health and metrics. Of the {@code queued}
 * messages, {@code inMemory} wait in memory and {@code onDiskOnly} only on disk (read back a page at a
 * time); {@code peakInMemory} is the most one kind has held in memory at once since start. Of those waiting,
 * {@code waitingCommands} are commands and {@code waitingTelemetry} telemetry (the backlog by kind).
 * {@code delivered} counts the messages the broker acknowledged since start (Prometheus takes its rate).
 */
public record OutboxStatus(boolean connected, long queued, long queuedBytes, long oldestAgeMillis,
                           double drainPerSecond, long dropped, long expired, long deadLetters,
                           long inMemory, long onDiskOnly, long peakInMemory,
                           long waitingCommands, long waitingTelemetry, long delivered) implements LocalMessage {

    /** The request body on {@code hearth.outbox.status}. */
    public record Query() implements LocalMessage {
    }
}
