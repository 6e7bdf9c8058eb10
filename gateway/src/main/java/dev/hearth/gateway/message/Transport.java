package dev.hearth.gateway.message;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Optional;

/** A broker connection the outbox drains into. Called on the connection's own context only. */
public interface Transport {

    /**
     * Sends at QoS 1 within the broker's window, again after a reconnect until the broker answers.
     * With {@code expiresAt}, the MQTT v5 message expiry carries the remaining lifetime and a message
     * whose lifetime ended before it could be sent completes as {@link Delivery.Expired}.
     */
    Future<Delivery> send(Publication publication, Optional<Instant> expiresAt);

    /** Connected and subscribed. */
    boolean ready();
}
