package dev.hearth.gateway.message;

import dev.hearth.gateway.bus.LocalMessage;

import java.time.Instant;

/** The gateway's link to the broker came up or went down. */
public record ConnectionChanged(boolean connected, String broker, String reason, Instant at) implements LocalMessage {
    /** Before the first attempt has ended: down since {@code at}, connecting. */
    public static final String CONNECTING = "connecting";

    /** The link as it is after {@code attempt} failed to connect: its reason, and still down since this went down. */
    public ConnectionChanged afterFailedAttempt(ConnectionChanged attempt) {
        return connected ? attempt : new ConnectionChanged(false, attempt.broker(), attempt.reason(), at);
    }
}
