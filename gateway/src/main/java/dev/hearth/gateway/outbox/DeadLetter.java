package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.LocalMessage;

import java.time.Instant;
import java.util.List;

/** A message the broker refused every time it was sent; kept for a person to inspect or retry. */
public record DeadLetter(long id, String topic, String kind, int payloadBytes, int attempts, String reason, Instant at)
        implements LocalMessage {

    /** Requests on {@code hearth.outbox.dead-letters}. */
    public sealed interface Request extends LocalMessage {
    }

    /** List the dead letters, oldest first; the reply is a {@link Listing}. */
    public record ListAll() implements Request {
    }

    /** Queue these dead letters again (all of them when {@code ids} is empty); the reply is a {@link Listing} of the rest. */
    public record Retry(List<Long> ids) implements Request {
        public Retry {
            ids = List.copyOf(ids);
        }
    }

    /** Delete these dead letters for good (at least one id); the reply is a {@link Listing} of the rest. */
    public record Drop(List<Long> ids) implements Request {
        public Drop {
            ids = List.copyOf(ids);
            if (ids.isEmpty()) throw new IllegalArgumentException("name the dead letters to drop");
        }
    }

    public record Listing(List<DeadLetter> deadLetters) implements LocalMessage {
        public Listing {
            deadLetters = List.copyOf(deadLetters);
        }
    }
}
