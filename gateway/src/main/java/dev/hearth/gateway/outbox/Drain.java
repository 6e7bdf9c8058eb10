package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Delivery;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.Transport;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox's way out: hands waiting messages to the transport while it is ready (a bounded number at once,
 * under the token bucket if there is one), and reads the next page of a line from disk once its head in
 * memory runs low. Confined to the outbox's event loop.
 */
final class Drain {
    private static final Logger log = LoggerFactory.getLogger(Drain.class);
    /** Rows handed to the transport at once: beyond the broker's window they would only wait in memory. */
    private static final int MAX_HANDED = 256;
    /** Read ahead after every delivery: {@code values()} would copy the array each time. */
    private static final Publication.Kind[] KINDS = Publication.Kind.values();

    /** What the outbox does with what the drain finds. */
    interface Owner {
        /** The transport's answer for a message it was handed. */
        void delivered(Queued q, Delivery delivery);

        void expired(List<Queued> rows);

        /** Dropped to keep the queue within its caps. */
        void evicted(Queued q);
    }

    /** Where the drain works: the outbox's name (for logs), its line, its table and its commits. */
    record Parts(String name, OutboxQueue queue, OutboxStore store, GroupCommit commits) {
    }

    private final Vertx vertx;
    private final Transport transport;
    private final Clock clock;
    private final Parts line;
    private final Optional<TokenBucket> bucket;
    private final Owner owner;
    private final Map<Long, Queued> handed = new HashMap<>();
    private long pumpTimer = -1;
    private boolean stopped;

    Drain(Vertx vertx, Transport transport, Clock clock, Parts line, Optional<TokenBucket> bucket, Owner owner) {
        this.vertx = vertx;
        this.transport = transport;
        this.clock = clock;
        this.line = line;
        this.bucket = bucket;
        this.owner = owner;
    }

    /** Hands over what may go now and reads ahead from disk what will go next. */
    void pump() {
        send();
        readAhead();
    }

    /** Whether the transport has the message and has not answered yet. */
    boolean handed(long id) {
        return handed.containsKey(id);
    }

    /** Nothing is handed over or read any more. */
    void stop() {
        stopped = true;
        if (pumpTimer >= 0) vertx.cancelTimer(pumpTimer);
    }

    private void send() {
        OutboxQueue queue = line.queue();
        while (!stopped && transport.ready() && handed.size() < MAX_HANDED && queue.waiting() > 0) {
            if (!tokenAvailable()) return;
            Optional<Queued> next = queue.next();
            if (next.isEmpty()) return;
            Queued q = next.get();
            if (q.expiredAt(clock.instant())) {
                owner.expired(List.of(q));
                continue;
            }
            handed.put(q.id(), q);
            transport.send(q.publication(), Optional.of(q.expiresAt())).onComplete(r -> {
                handed.remove(q.id());
                owner.delivered(q, r.succeeded() ? r.result() : new Delivery.Refused(-1, r.cause().getMessage()));
            });
        }
    }

    /** Reads the next page of a line from disk once its head has drained to half its window. */
    void readAhead() {
        if (stopped) return;
        for (Publication.Kind kind : KINDS) {
            line.queue().pageWanted(kind).ifPresent(page -> pageIn(kind, page));
        }
    }

    // After every append so far is committed: rows of the line that were still only in memory are on disk then.
    private void pageIn(Publication.Kind kind, OutboxQueue.Page page) {
        OutboxStore store = line.store();
        line.commits().appendsCommitted()
                .compose(v -> vertx.executeBlocking(() -> store.page(kind, page.afterId(), page.limit()), false))
                .onComplete(r -> {
                    if (r.failed()) log.error("Outbox {}: could not read waiting messages from {}: {}", line.name(),
                            store.database().file(), r.cause().getMessage());
                    line.queue().paged(kind, r.succeeded() ? r.result() : List.of());
                    line.queue().overCaps().forEach(owner::evicted);
                    owner.expired(line.queue().expire(clock.instant()));
                    // An empty page means the counts and the disk disagree: no hot loop of reads, the sweep asks again.
                    if (r.succeeded() && !r.result().isEmpty()) pump();
                    else if (r.succeeded()) log.warn("Outbox {}: no {} rows on disk after id {} although some were counted",
                            line.name(), kind, page.afterId());
                    line.commits().flush();
                });
    }

    /** Takes a token, or arranges to pump again when the next one is due. */
    private boolean tokenAvailable() {
        if (bucket.isEmpty()) return true;
        Instant now = clock.instant();
        if (bucket.get().tryTake(now)) return true;
        if (pumpTimer < 0) {
            long delay = Math.max(1, bucket.get().untilNext(now).toMillis());
            pumpTimer = vertx.setTimer(delay, t -> {
                pumpTimer = -1;
                pump();
            });
        }
        return false;
    }
}
