package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import io.vertx.core.Future;

/**
 * The home's way to the broker, in process: publications into the durable outbox, and the word that an
 * inbound message has been applied. {@link BrokerOutbox#commandPath()} is the one implementation; there is
 * no event-bus address for either.
 */
public interface CommandPath {

    /** Queues a publication in the outbox: completes on the broker's PUBACK, fails when it never will come. */
    Future<Void> publish(Publication publication);

    /**
     * The message with this token has been applied and every command it caused was published through this
     * path before this call: the broker gets its PUBACK once those are committed or acknowledged.
     */
    void handled(long ackToken);
}
