package dev.hearth.gateway.outbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeSet;

/**
 * Which submitted messages are not yet safe: neither committed nor acknowledged by the broker (nor
 * given up). An inbound message is acknowledged to its broker only once everything it caused is
 * safe in one of these two ways, hence at-least-once. Not thread-safe: owned by the outbox's event loop.
 */
final class Settlements {
    private record Barrier(long upTo, Promise<Void> done) {
    }

    private final TreeSet<Long> unsettled = new TreeSet<>();
    private final Deque<Barrier> barriers = new ArrayDeque<>();

    void submitted(long id) {
        unsettled.add(id);
    }

    /**
     * The message is on disk, with the broker, or given up; settling twice is harmless. Barriers complete from the
     * oldest: a settlement costs what it completes, not a look at every barrier (with thousands of inbound messages
     * waiting for their acknowledgement after a restart, that look blocked the event loop for seconds).
     */
    void settled(long id) {
        if (!unsettled.remove(id)) return;
        long oldest = unsettled.isEmpty() ? Long.MAX_VALUE : unsettled.first();
        while (!barriers.isEmpty() && barriers.peekFirst().upTo() < oldest) barriers.pollFirst().done().complete();
    }

    /**
     * Completes once every message submitted so far is settled, and not before the barriers asked for earlier (their
     * acknowledgements go out in order anyway).
     */
    Future<Void> everythingSoFar() {
        if (unsettled.isEmpty()) return Future.succeededFuture();
        long upTo = barriers.isEmpty() ? unsettled.last() : Math.max(unsettled.last(), barriers.peekLast().upTo());
        Barrier b = new Barrier(upTo, Promise.promise());
        barriers.addLast(b);
        return b.done().future();
    }
}
