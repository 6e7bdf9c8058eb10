package dev.hearth.gateway.message;

import java.time.Instant;

/**
 * Every retained message for this connection's subscriptions has been handed over (see {@link Inbound})
 * before this. Once the broker has confirmed every subscription, the link publishes a marker carrying a
 * fresh nonce to its own {@code <base>/settle} topic; a broker queues the retained messages of a
 * subscription before it routes a later publication of the same client, so the marker comes back after
 * them.
 */
public record RetainedSettled(String broker, Instant at) implements Inbound {
}
