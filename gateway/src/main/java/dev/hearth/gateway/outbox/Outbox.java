package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Delivery;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.Transport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Store-and-forward in front of one broker connection. Every publication joins its line at once and is
 * appended to H2 in a group commit; while the link is up and nothing older waits, it is handed to the
 * transport at submit, concurrently with its commit. A message is safe once it is committed or the
 * broker acknowledged it, whichever comes first; a message acknowledged before its append was taken
 * into a commit is never written at all. Through an outage rows pile up on disk; on reconnect they
 * drain commands first, each topic in order, and live traffic joins behind them. All state is confined
 * to the event loop of the transport; database work runs on a worker, one transaction at a time.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** Rows handed to the transport at once: beyond the broker's window they would only wait in memory. */
    private static final int MAX_HANDED = 256;
    private static final long SWEEP_MILLIS = 1000;
    /**
     * How long a message in the broker's hands (or about to be: the link is up) waits before its row is
     * committed: a PUBACK within it spares the disk both the row and its deletion. Each row gets its own
     * grace, so a commit never carries the youngest rows. Messages waiting for the link commit at once.
     */
    private static final long COMMIT_GRACE_NANOS = 20_000_000;
    /**
     * How long removals and attempt counts alone may wait: a late removal costs at most a duplicate
     * after a crash, and a drain that commits them in big batches writes a fraction of the bytes.
     */
    private static final long TIDY_NANOS = 100_000_000;

    /** The two moments a caller may wait for: the row is on disk, the broker has the message. */
    public record Submission(Future<Void> committed, Future<Void> delivered) {
    }

    private record Waiter(Promise<Void> committed, Promise<Void> delivered) {
    }

    private final Vertx vertx;
    private final OutboxStore store;
    private final Transport transport;
    private final OutboxSettings settings;
    private final Clock clock;
    private final String name;
    private final OutboxQueue queue;
    private final OutboxQueue.Window window;
    private final Map<Long, Waiter> waiters = new HashMap<>();
    private final Map<Long, Queued> handed = new HashMap<>();
    private final DrainRate drainRate = new DrainRate();
    private final Optional<TokenBucket> bucket;
    private long pumpTimer = -1;

    private final PendingWrites pending = new PendingWrites(System::nanoTime);
    private final Settlements settlements = new Settlements();
    private Future<Void> flushing;
    /** Whether the commit running now carries appends. */
    private boolean flushingAppends;
    private long nextId;
    private long sweepTimer = -1;
    private long graceTimer = -1;
    private long graceDue;
    private long dropped;
    private long expired;
    private long deadLetters;
    private long delivered;
    private boolean stopped;
    private volatile OutboxStatus snapshot = new OutboxStatus(false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Outbox(Vertx vertx, OutboxStore store, Transport transport, OutboxSettings settings, Clock clock, String name) {
        this(vertx, store, transport, settings, clock, name, Optional.empty());
    }

    /** With a token bucket, the drain never exceeds its rate (the uplink: cloud brokers throttle and bill by message). */
    public Outbox(Vertx vertx, OutboxStore store, Transport transport, OutboxSettings settings, Clock clock, String name,
                  Optional<TokenBucket> bucket) {
        this(vertx, store, transport, settings, clock, name, bucket, OutboxQueue.Window.DEFAULT);
    }

    /** With the rows of each kind held in memory bounded by {@code window}; the rest of a backlog waits on disk only. */
    public Outbox(Vertx vertx, OutboxStore store, Transport transport, OutboxSettings settings, Clock clock, String name,
                  Optional<TokenBucket> bucket, OutboxQueue.Window window) {
        this.bucket = bucket;
        this.vertx = vertx;
        this.store = store;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.name = name;
        this.queue = new OutboxQueue(settings.maxRows(), settings.maxBytes(), window);
        this.window = window;
    }

    /**
     * Takes over what a previous run left on disk: counts all of it, reads only the first window of each
     * kind. Call on the transport's context before submitting.
     */
    public Future<Void> start() {
        return vertx.executeBlocking(this::recover, false)
                .map(r -> {
                    r.recovered(queue);
                    nextId = r.nextId();
                    deadLetters = r.deadLetters();
                    if (r.rows() > 0) log.info("Outbox {}: {} messages from before the restart wait for the broker", name, r.rows());
                    sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, t -> sweep());
                    pump();
                    return null;
                });
    }

    private Recovered recover() {
        Map<Publication.Kind, OutboxStore.Backlog> backlog = store.backlog();
        Map<Publication.Kind, List<Queued>> heads = new EnumMap<>(Publication.Kind.class);
        for (Publication.Kind kind : backlog.keySet()) heads.put(kind, store.page(kind, 0, window.rows()));
        return new Recovered(backlog, heads, store.nextId(), store.deadLetters().size());
    }

    private record Recovered(Map<Publication.Kind, OutboxStore.Backlog> backlog, Map<Publication.Kind, List<Queued>> heads,
                             long nextId, long deadLetters) {
        long rows() {
            return backlog.values().stream().mapToLong(OutboxStore.Backlog::rows).sum();
        }

        void recovered(OutboxQueue queue) {
            heads.forEach((kind, head) -> {
                head.forEach(queue::recovered);
                OutboxStore.Backlog all = backlog.get(kind);
                queue.recoveredOnDisk(kind, all.rows() - head.size(), all.bytes() - head.stream().mapToLong(Queued::size).sum());
            });
        }
    }

    /** Queues a publication; see {@link Submission}. A full outbox refuses commands loudly. */
    public Submission submit(Publication publication) {
        Waiter w = new Waiter(Promise.promise(), Promise.promise());
        enqueue(publication, Optional.of(w));
        return new Submission(w.committed().future(), w.delivered().future());
    }

    /**
     * Queues a publication whose outcome nobody waits for (forwarding to the uplink): nothing of it stays
     * in memory once it is committed beyond the window, so a backlog costs disk only.
     */
    public void forward(Publication publication) {
        enqueue(publication, Optional.empty());
    }

    private void enqueue(Publication publication, Optional<Waiter> waiter) {
        if (stopped) {
            waiter.ifPresent(w -> refuse(w, "gateway is stopping"));
            return;
        }
        Instant now = clock.instant();
        Queued q = new Queued(nextId++, publication, now, now.plus(settings.ttl(publication.kind())), 0);
        OutboxQueue.Admission admission = queue.admit(q);
        if (admission instanceof OutboxQueue.Admission.Full full) {
            overflow(publication, full.reason());
            waiter.ifPresent(w -> refuse(w, full.reason()));
            return;
        }
        ((OutboxQueue.Admission.Admitted) admission).evicted().forEach(this::evict);
        waiter.ifPresent(w -> waiters.put(q.id(), w));
        settlements.submitted(q.id());
        pending.append(q);
        queue.ready(q);
        pump();
        flush();
    }

    /** Called when the transport is connected and subscribed. */
    public void onReady() {
        pump();
    }

    /** Current figures; call on the transport's context. */
    public OutboxStatus status() {
        Instant now = clock.instant();
        snapshot = new OutboxStatus(transport.ready(), queue.rows(), queue.bytes(), queue.oldestAge(now).toMillis(),
                drainRate.perSecond(now), dropped, expired, deadLetters, queue.inMemory(), queue.spilled(), queue.peakInMemory());
        return snapshot;
    }

    /** The figures as of the last second, readable from any thread (for meters). */
    public OutboxStatus snapshot() {
        return snapshot;
    }

    public long delivered() {
        return delivered;
    }

    public OutboxStore store() {
        return store;
    }

    /**
     * Lists dead letters (blocking work on a worker), after committing those buried since the last commit: a listing
     * never misses one the status already counts.
     */
    public Future<List<DeadLetter>> deadLetterList() {
        return flushAll().compose(v -> vertx.executeBlocking(store::deadLetters, false));
    }

    /** Queues dead letters again with fresh lifetimes and attempts; all when {@code ids} is empty. */
    public Future<List<DeadLetter>> retry(List<Long> ids) {
        return flushAll().compose(v -> vertx.executeBlocking(() -> store.retryDeadLetters(ids, this::requeued), false))
                .map(fresh -> {
                    fresh.forEach(q -> {
                        queue.recovered(q);
                        deadLetters--;
                    });
                    log.info("Outbox {}: {} dead letters queued again", name, fresh.size());
                    pump();
                    return null;
                })
                .compose(v -> deadLetterList());
    }

    /**
     * Completes when everything submitted so far is safe: committed, or acknowledged by the broker,
     * whichever came first. A failed commit also completes it for the messages it refused loudly.
     */
    public Future<Void> committedSoFar() {
        return settlements.everythingSoFar();
    }

    /** Stops taking messages and commits what is pending; rows not yet acknowledged stay for the next start. */
    public Future<Void> stop() {
        stopped = true;
        if (sweepTimer >= 0) vertx.cancelTimer(sweepTimer);
        if (pumpTimer >= 0) vertx.cancelTimer(pumpTimer);
        if (graceTimer >= 0) vertx.cancelTimer(graceTimer);
        graceTimer = -1;
        return flushAll();
    }

    private Queued requeued(Publication p) {
        Instant now = clock.instant();
        return new Queued(nextId++, p, now, now.plus(settings.ttl(p.kind())), 0);
    }

    private void pump() {
        send();
        pageIfLow();
    }

    private void send() {
        while (!stopped && transport.ready() && handed.size() < MAX_HANDED && queue.waiting() > 0) {
            if (!tokenAvailable()) return;
            Optional<Queued> next = queue.next();
            if (next.isEmpty()) return;
            Queued q = next.get();
            if (q.expiredAt(clock.instant())) {
                expired(List.of(q));
                continue;
            }
            handed.put(q.id(), q);
            transport.send(q.publication(), Optional.of(q.expiresAt()))
                    .onComplete(r -> onDelivery(q, r.succeeded() ? r.result() : new Delivery.Refused(-1, r.cause().getMessage())));
        }
    }

    /** Reads the next page of a line from disk once its head has drained to half its window. */
    private void pageIfLow() {
        if (stopped) return;
        for (Publication.Kind kind : Publication.Kind.values()) {
            queue.pageWanted(kind).ifPresent(page -> pageIn(kind, page));
        }
    }

    // After every append so far is committed: rows of the line that were still only in memory are on disk then.
    private void pageIn(Publication.Kind kind, OutboxQueue.Page page) {
        appendsCommitted().compose(v -> vertx.executeBlocking(() -> store.page(kind, page.afterId(), page.limit()), false))
                .onComplete(r -> {
                    if (r.failed()) log.error("Outbox {}: could not read waiting messages from {}: {}", name, store.database().file(),
                            r.cause().getMessage());
                    queue.paged(kind, r.succeeded() ? r.result() : List.of());
                    queue.overCaps().forEach(this::evict);
                    expired(queue.expire(clock.instant()));
                    // An empty page means the counts and the disk disagree: no hot loop of reads, the sweep asks again.
                    if (r.succeeded() && !r.result().isEmpty()) pump();
                    else if (r.succeeded()) log.warn("Outbox {}: no {} rows on disk after id {} although some were counted", name, kind, page.afterId());
                    flush();
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

    private void onDelivery(Queued q, Delivery delivery) {
        handed.remove(q.id());
        // Delivery.Stopped: the row is (or is about to be) on disk and is sent again after the next start.
        if (delivery instanceof Delivery.Acknowledged) acknowledged(q);
        else if (delivery instanceof Delivery.Expired) expired(List.of(q));
        else if (delivery instanceof Delivery.Refused r) refused(q, r);
        pump();
        flush();
    }

    private void acknowledged(Queued q) {
        queue.removed(q);
        pending.remove(q);
        settlements.settled(q.id());
        delivered++;
        drainRate.mark(clock.instant());
        Waiter w = waiters.remove(q.id());
        if (w == null) return;
        w.committed().tryComplete();
        w.delivered().tryComplete();
    }

    private void refused(Queued q, Delivery.Refused r) {
        Queued again = q.withAttempt();
        if (again.attempts() < settings.deadLetterAfter()) {
            log.info("Outbox {}: {} (attempt {} of {})", name, r.reason(), again.attempts(), settings.deadLetterAfter());
            pending.attempted(again);
            queue.retry(again);
            return;
        }
        log.warn("Outbox {}: {} after {} attempts; moved to the dead letters (retry with hearth.outbox.dead-letters)",
                name, r.reason(), again.attempts());
        queue.removed(q);
        deadLetters++;
        pending.bury(new OutboxStore.Dead(again, r.reason(), clock.instant()));
        fail(q, "dead letter: " + r.reason());
    }

    private void expired(List<Queued> rows) {
        if (rows.isEmpty()) return;
        expired += rows.size();
        long commands = rows.stream().filter(q -> q.kind() == Publication.Kind.COMMAND).count();
        log.warn("Outbox {}: dropped {} expired messages ({} commands, {} telemetry), first on '{}'", name, rows.size(),
                commands, rows.size() - commands, rows.get(0).publication().topic());
        for (Queued q : rows) {
            queue.removed(q);
            pending.remove(q);
            fail(q, "expired before it could be delivered");
        }
    }

    private void sweep() {
        expired(queue.expire(clock.instant()));
        pageIfLow();
        flush();
        status();
    }

    private void evict(Queued q) {
        dropped++;
        log.warn("Outbox {} full: dropped the oldest telemetry on '{}' to make room", name, q.publication().topic());
        pending.remove(q);
        fail(q, "dropped: the outbox was full");
    }

    private void overflow(Publication p, String reason) {
        dropped++;
        if (p.kind() == Publication.Kind.COMMAND) {
            log.error("Outbox {}: REFUSED command to '{}': {}. Is the broker unreachable for long? See hearth.outbox.status.",
                    name, p.topic(), reason);
        } else {
            log.warn("Outbox {}: dropped telemetry to '{}': {}", name, p.topic(), reason);
        }
    }

    private static void refuse(Waiter w, String reason) {
        w.committed().fail(reason);
        w.delivered().fail(reason);
    }

    private void fail(Queued q, String reason) {
        settlements.settled(q.id());
        Waiter w = waiters.remove(q.id());
        if (w == null) return;
        w.committed().tryFail(reason);
        w.delivered().tryFail(reason);
    }

    /**
     * Starts one group commit with everything pending, unless one is running (it starts the next when
     * done). Only new messages that wait for the link need their commit at once; the rest is committed
     * once it has waited its grace (see {@link PendingWrites#takeDue}), so that a PUBACK can spare it.
     */
    private void flush() {
        if (flushing != null || pending.isEmpty()) return;
        boolean allHanded = !stopped && transport.ready() && queue.waiting() == 0;
        if (pending.hasAppends() && !allHanded) {
            commit();
        } else {
            commitAt(pending.dueAt(COMMIT_GRACE_NANOS, TIDY_NANOS));
        }
    }

    /** Arranges a commit of what is due at {@code due} (nano clock), unless one is arranged earlier. */
    private void commitAt(long due) {
        if (graceTimer >= 0 && graceDue - due <= 0) return;
        if (graceTimer >= 0) vertx.cancelTimer(graceTimer);
        graceDue = due;
        long millis = Math.max(1, (due - System.nanoTime() + 999_999) / 1_000_000);
        graceTimer = vertx.setTimer(millis, t -> {
            graceTimer = -1;
            if (flushing == null) commitDue();
        });
    }

    /** Commits what has waited long enough; arranges the next commit for what has not. */
    private void commitDue() {
        OutboxStore.Changes due = pending.takeDue(COMMIT_GRACE_NANOS, TIDY_NANOS);
        if (due.isEmpty()) flush();
        else commit(due);
    }

    private void commit() {
        if (flushing != null || pending.isEmpty()) return;
        commit(pending.take());
    }

    private void commit(OutboxStore.Changes changes) {
        if (graceTimer >= 0) vertx.cancelTimer(graceTimer);
        graceTimer = -1;
        Promise<Void> done = Promise.promise();
        flushing = done.future();
        flushingAppends = !changes.appended().isEmpty();
        vertx.executeBlocking(() -> {
            store.apply(changes);
            return null;
        }, false).onComplete(r -> {
            flushing = null;
            flushingAppends = false;
            if (r.succeeded()) {
                committed(changes.appended());
                done.complete();
                flush();
            } else {
                // what failed waits for the next event: no retry loop against a database that refuses writes
                notCommitted(changes, r.cause());
                done.fail(r.cause());
            }
        });
    }

    private void committed(List<Queued> appended) {
        queue.written(appended);
        for (Queued q : appended) {
            settlements.settled(q.id());
            Waiter w = waiters.get(q.id());
            if (w != null) w.committed().tryComplete();
        }
    }

    private void notCommitted(OutboxStore.Changes changes, Throwable cause) {
        int refused = 0;
        for (Queued q : changes.appended()) {
            // In the transport's hands already: its PUBACK makes it safe, a crash before that loses it unacked.
            // Not in its line any more: acknowledged, expired or dropped meanwhile.
            if (handed.containsKey(q.id()) || !queue.withdraw(q)) continue;
            queue.removed(q);
            fail(q, "not queued: " + cause.getMessage());
            refused++;
        }
        log.error("Outbox {}: could not write to {}: {}. {} new messages were not queued.", name, store.database().file(),
                cause.getMessage(), refused);
        pending.retryAfterFailure(changes);
    }

    /**
     * Completes once every append made so far is committed; fails if a commit fails. Pending removals need not
     * go first: they are of rows already read, which no page read returns again, and a drain would otherwise
     * wait for a commit of its removals before each page while the broker's window runs dry.
     */
    private Future<Void> appendsCommitted() {
        if (!pending.hasAppends() && !flushingAppends) return Future.succeededFuture();
        if (flushing != null) return flushing.compose(v -> appendsCommitted());
        commit();
        return appendsCommitted();
    }

    /** Commits everything pending now; fails if a commit fails (what failed stays pending). */
    private Future<Void> flushAll() {
        if (flushing != null) return flushing.compose(v -> flushAll());
        commit();
        return flushing == null ? Future.succeededFuture() : flushing.compose(v -> flushAll());
    }
}
