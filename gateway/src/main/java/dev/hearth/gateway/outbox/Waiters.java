package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.PublishRefused;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.HashMap;
import java.util.Map;

/**
 * Who waits for which message of the outbox: the submitter of each (its {@link Outbox.Submission}), and
 * whoever waits for everything submitted so far to be safe ({@link Settlements}). Confined to the outbox's
 * event loop.
 */
final class Waiters {
    private record Waiter(Promise<Void> committed, Promise<Void> delivered) {
    }

    private final Map<Long, Waiter> byId = new HashMap<>();
    private final Settlements settlements = new Settlements();

    /** A submission that failed before it was queued. */
    static Outbox.Submission refused(String reason) {
        PublishRefused refused = new PublishRefused(reason);
        return new Outbox.Submission(Future.failedFuture(refused), Future.failedFuture(refused));
    }

    /** A queued message whose submitter waits for it. */
    Outbox.Submission watched(long id) {
        Waiter w = new Waiter(Promise.promise(), Promise.promise());
        byId.put(id, w);
        settlements.submitted(id);
        return new Outbox.Submission(w.committed().future(), w.delivered().future());
    }

    /** A queued message nobody waits for (forwarded to the uplink): only {@link #everythingSoFar} counts it. */
    void unwatched(long id) {
        settlements.submitted(id);
    }

    /** The message's row is on disk: safe, though not delivered yet. */
    void committed(long id) {
        settlements.settled(id);
        Waiter w = byId.get(id);
        if (w != null) w.committed().tryComplete();
    }

    /** The broker acknowledged the message. */
    void delivered(long id) {
        settlements.settled(id);
        Waiter w = byId.remove(id);
        if (w == null) return;
        w.committed().tryComplete();
        w.delivered().tryComplete();
    }

    /** The message is given up (expired, dropped, dead-lettered or never written). */
    void failed(long id, String reason) {
        settlements.settled(id);
        Waiter w = byId.remove(id);
        if (w == null) return;
        w.committed().tryFail(reason);
        w.delivered().tryFail(reason);
    }

    /** Completes once every message submitted so far is committed, delivered or given up. */
    Future<Void> everythingSoFar() {
        return settlements.everythingSoFar();
    }
}
