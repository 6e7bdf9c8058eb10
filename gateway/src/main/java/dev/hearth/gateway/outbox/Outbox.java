package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Delivery;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.Transport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    private static final long SWEEP_MILLIS = 1000;

    /** The two moments a caller may wait for: the row is on disk, the broker has the message. */
    public record Submission(Future<Void> committed, Future<Void> delivered) {
    }

    private final Vertx vertx;
    private final OutboxStore store;
    private final Transport transport;
    private final OutboxSettings settings;
    private final Clock clock;
    private final String name;
    private final OutboxQueue queue;
    private final OutboxQueue.Window window;
    private final Waiters waiters = new Waiters();
    private final WriteFailures writeFailures;
    private final PendingWrites pending = new PendingWrites(System::nanoTime);
    private final GroupCommit commits;
    private final Drain drain;
    private long nextId;
    private long sweepTimer = -1;
    private final Tally tally;
    private boolean stopped;

    /** With a token bucket, the drain never exceeds its rate (the uplink: cloud brokers throttle and bill by message). */
    public Outbox(Vertx vertx, OutboxStore store, Transport transport, OutboxSettings settings, Clock clock, String name,
                  Optional<TokenBucket> bucket) {
        this(vertx, store, transport, settings, clock, name, bucket, OutboxQueue.Window.DEFAULT);
    }

    /** With the rows of each kind held in memory bounded by {@code window}; the rest of a backlog waits on disk only. */
    public Outbox(Vertx vertx, OutboxStore store, Transport transport, OutboxSettings settings, Clock clock, String name,
                  Optional<TokenBucket> bucket, OutboxQueue.Window window) {
        this.vertx = vertx;
        this.store = store;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.writeFailures = new WriteFailures(name);
        this.name = name;
        this.queue = new OutboxQueue(settings.maxRows(), settings.maxBytes(), window);
        this.window = window;
        this.tally = new Tally(name);
        this.commits = new GroupCommit(vertx, store, pending, new CommitOutcome());
        this.drain = new Drain(vertx, transport, clock, new Drain.Parts(name, queue, store, commits), bucket, new DrainOutcome());
    }

    /**
     * Takes over what a previous run left on disk: counts all of it, reads only the first window of each
     * kind. Call on the transport's context before submitting.
     */
    public Future<Void> start() {
        return vertx.executeBlocking(() -> Recovered.read(store, window.rows()), false)
                .map(r -> {
                    r.into(queue);
                    nextId = r.nextId();
                    tally.recovered(r.deadLetters());
                    if (r.rows() > 0) log.info("Outbox {}: {} messages from before the restart wait for the broker", name, r.rows());
                    sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, t -> sweep());
                    pump();
                    return null;
                });
    }

    /** Queues a publication; see {@link Submission}. A full outbox refuses commands loudly. */
    public Submission submit(Publication publication) {
        return enqueue(publication, true);
    }

    /**
     * Queues a publication whose outcome nobody waits for (forwarding to the uplink): nothing of it stays
     * in memory once it is committed beyond the window, so a backlog costs disk only.
     */
    public void forward(Publication publication) {
        enqueue(publication, false);
    }

    /** The submission of a watched publication; a refused one's is failed, an unwatched one's is null. */
    private Submission enqueue(Publication publication, boolean watched) {
        if (stopped) return Waiters.refused("gateway is stopping");
        Queued q = fresh(publication);
        OutboxQueue.Admission admission = queue.admit(q);
        if (admission instanceof OutboxQueue.Admission.Full full) {
            tally.overflowed(publication, full.reason(), clock.instant());
            return Waiters.refused(full.reason());
        }
        ((OutboxQueue.Admission.Admitted) admission).evicted().forEach(this::evict);
        Submission submission = null;
        if (watched) submission = waiters.watched(q.id());
        else waiters.unwatched(q.id());
        pending.append(q);
        queue.ready(q);
        pump();
        commits.flush();
        return submission;
    }

    /** Called when the transport is connected and subscribed. */
    public void onReady() {
        pump();
    }

    /** Current figures; call on the transport's context. */
    public OutboxStatus status() {
        return tally.status(transport.ready(), queue, clock.instant());
    }

    /** The figures as of the last second, readable from any thread (for meters). */
    public OutboxStatus snapshot() {
        return tally.snapshot();
    }

    /**
     * Lists dead letters (blocking work on a worker), after committing those buried since the last commit: a listing
     * never misses one the status already counts.
     */
    public Future<List<DeadLetter>> deadLetterList() {
        return commits.flushAll().compose(v -> vertx.executeBlocking(store::deadLetters, false));
    }

    /** Queues dead letters again with fresh lifetimes and attempts; all when {@code ids} is empty. */
    public Future<List<DeadLetter>> retry(List<Long> ids) {
        return commits.flushAll().compose(v -> vertx.executeBlocking(() -> store.retryDeadLetters(ids, this::fresh), false))
                .map(fresh -> {
                    fresh.forEach(queue::recovered);
                    tally.revived(fresh.size());
                    log.info("Outbox {}: {} dead letters queued again", name, fresh.size());
                    pump();
                    return null;
                })
                .compose(v -> deadLetterList());
    }

    /** Deletes dead letters for good; replies with the rest. */
    public Future<List<DeadLetter>> drop(List<Long> ids) {
        return commits.flushAll().compose(v -> vertx.executeBlocking(() -> store.dropDeadLetters(ids), false))
                .map(dropped -> {
                    tally.deadLettersDropped(dropped);
                    log.info("Outbox {}: {} dead letters dropped", name, dropped);
                    return null;
                })
                .compose(v -> deadLetterList());
    }

    /**
     * Completes when everything submitted so far is safe: committed, or acknowledged by the broker,
     * whichever came first. A failed commit also completes it for the messages it refused loudly.
     */
    public Future<Void> committedSoFar() {
        return waiters.everythingSoFar();
    }

    /** Stops taking messages and commits what is pending; rows not yet acknowledged stay for the next start. */
    public Future<Void> stop() {
        stopped = true;
        if (sweepTimer >= 0) vertx.cancelTimer(sweepTimer);
        drain.stop();
        commits.stop();
        return commits.flushAll();
    }

    /** A new row for {@code p}, with a fresh id and lifetime. */
    private Queued fresh(Publication p) {
        Instant now = clock.instant();
        return new Queued(nextId++, p, now, now.plus(settings.ttl(p.kind())), 0);
    }


    private void pump() {
        drain.pump();
    }

    private void onDelivery(Queued q, Delivery delivery) {
        // Delivery.Stopped: the row is (or is about to be) on disk and is sent again after the next start.
        if (delivery instanceof Delivery.Acknowledged) acknowledged(q);
        else if (delivery instanceof Delivery.Expired) expired(List.of(q));
        else if (delivery instanceof Delivery.Refused r) refused(q, r);
        pump();
        commits.flush();
    }

    private void acknowledged(Queued q) {
        queue.removed(q);
        pending.remove(q);
        tally.delivered(clock.instant());
        waiters.delivered(q.id());
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
        tally.buried();
        pending.bury(new OutboxStore.Dead(again, r.reason(), clock.instant()));
        waiters.failed(q.id(), "dead letter: " + r.reason());
    }

    private void expired(List<Queued> rows) {
        if (rows.isEmpty()) return;
        tally.expired(rows);
        for (Queued q : rows) {
            queue.removed(q);
            pending.remove(q);
            waiters.failed(q.id(), "expired before it could be delivered");
        }
    }

    private void sweep() {
        expired(queue.expire(clock.instant()));
        drain.readAhead();
        commits.flush();
        tally.tick(clock.instant());
        status();
    }

    private void evict(Queued q) {
        tally.evicted(q);
        pending.remove(q);
        waiters.failed(q.id(), "dropped: the outbox was full");
    }

    /** What the group commit tells the outbox. */
    private final class CommitOutcome implements GroupCommit.Owner {
        @Override
        public boolean allHanded() {
            return !stopped && transport.ready() && queue.waiting() == 0;
        }

        @Override
        public void committed(List<Queued> appended) {
            queue.written(appended);
            for (Queued q : appended) waiters.committed(q.id());
        }

        @Override
        public void notCommitted(OutboxStore.Changes changes, Throwable cause) {
            int refused = 0;
            for (Queued q : changes.appended()) {
                // In the transport's hands already: its PUBACK makes it safe, a crash before that loses it unacked.
                // Not in its line any more: acknowledged, expired or dropped meanwhile.
                if (drain.handed(q.id()) || !queue.withdraw(q)) continue;
                queue.removed(q);
                waiters.failed(q.id(), "not queued: " + cause.getMessage());
                refused++;
            }
            writeFailures.failed(store.database().file(), cause, refused, clock.instant());
        }
    }

    /** What the drain tells the outbox. */
    private final class DrainOutcome implements Drain.Owner {
        @Override
        public void delivered(Queued q, Delivery delivery) {
            onDelivery(q, delivery);
        }

        @Override
        public void expired(List<Queued> rows) {
            Outbox.this.expired(rows);
        }

        @Override
        public void evicted(Queued q) {
            evict(q);
        }
    }
}
