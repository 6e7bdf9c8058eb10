package dev.hearth.gateway.message;

import dev.hearth.gateway.bus.LocalMessage;

import java.time.Instant;

/** The gateway's link to the broker came up or went down. */
public record ConnectionChanged(boolean connected, String broker, String reason, Instant at) implements LocalMessage {
}
