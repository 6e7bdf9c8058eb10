package dev.hearth.gateway.outbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * The outbox's writes to H2: group commits of what {@link PendingWrites} holds, one transaction at a time on a
 * worker. Only new messages that wait for the link need their commit at once; the rest is committed once it
 * has waited its grace (see {@link PendingWrites#takeDue}), so that a PUBACK can spare it. Confined to the
 * outbox's event loop.
 */
final class GroupCommit {
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

    /** The outbox's side: what it tells about its messages, and what it does with a commit's outcome. */
    interface Owner {
        /** Every waiting message is in the transport's hands: new rows may wait their grace. */
        boolean allHanded();

        void committed(List<Queued> appended);

        /** A commit failed; its changes stay pending (and are written with the next commit). */
        void notCommitted(OutboxStore.Changes changes, Throwable cause);
    }

    private final Vertx vertx;
    private final OutboxStore store;
    private final PendingWrites pending;
    private final Owner outbox;
    private Future<Void> flushing;
    /** Whether the commit running now carries appends. */
    private boolean flushingAppends;
    private long graceTimer = -1;
    private long graceDue;

    GroupCommit(Vertx vertx, OutboxStore store, PendingWrites pending, Owner outbox) {
        this.vertx = vertx;
        this.store = store;
        this.pending = pending;
        this.outbox = outbox;
    }

    /** Starts one group commit with everything pending, or arranges it, unless one is running (it starts the next when done). */
    void flush() {
        if (flushing != null || pending.isEmpty()) return;
        if (pending.hasAppends() && !outbox.allHanded()) {
            commit();
        } else {
            commitAt(pending.dueAt(COMMIT_GRACE_NANOS, TIDY_NANOS));
        }
    }

    /**
     * Completes once every append made so far is committed; fails if a commit fails. Pending removals need not
     * go first: they are of rows already read, which no page read returns again, and a drain would otherwise
     * wait for a commit of its removals before each page while the broker's window runs dry.
     */
    Future<Void> appendsCommitted() {
        if (!pending.hasAppends() && !flushingAppends) return Future.succeededFuture();
        if (flushing != null) return flushing.compose(v -> appendsCommitted());
        commit();
        return appendsCommitted();
    }

    /** Commits everything pending now; fails if a commit fails (what failed stays pending). */
    Future<Void> flushAll() {
        if (flushing != null) return flushing.compose(v -> flushAll());
        commit();
        return flushing == null ? Future.succeededFuture() : flushing.compose(v -> flushAll());
    }

    /** No commit is arranged for later any more; {@link #flushAll} still commits. */
    void stop() {
        cancelGrace();
    }

    /** Arranges a commit of what is due at {@code due} (nano clock), unless one is arranged earlier. */
    private void commitAt(long due) {
        if (graceTimer >= 0 && graceDue - due <= 0) return;
        cancelGrace();
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
        cancelGrace();
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
                outbox.committed(changes.appended());
                done.complete();
                flush();
            } else {
                // what failed waits for the next event: no retry loop against a database that refuses writes
                outbox.notCommitted(changes, r.cause());
                pending.retryAfterFailure(changes);
                done.fail(r.cause());
            }
        });
    }

    private void cancelGrace() {
        if (graceTimer >= 0) vertx.cancelTimer(graceTimer);
        graceTimer = -1;
    }
}
