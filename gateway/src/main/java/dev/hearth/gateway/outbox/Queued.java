package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;

import java.time.Instant;

/** One row of the outbox: a publication waiting for its PUBACK, with its place in line and its lifetime. */
public record Queued(long id, Publication publication, Instant createdAt, Instant expiresAt, int attempts) {

    public Queued withAttempt() {
        return new Queued(id, publication, createdAt, expiresAt, attempts + 1);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Publication.Kind kind() {
        return publication.kind();
    }

    public long size() {
        return publication.size();
    }
}
