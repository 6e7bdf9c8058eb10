package dev.hearth.gateway.outbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the next group commit of the outbox must write. A row that is done with (acknowledged,
 * expired, dropped) before its append was taken into a commit cancels that append: it is neither
 * written nor deleted, so with the broker answering quickly most messages never touch the disk.
 * Each append remembers when it came, so a commit can take only the rows that have waited their
 * grace: under a steady flow a commit would otherwise also write the youngest rows, whose PUBACK is
 * a millisecond away, and then delete them again. Not thread-safe: owned by the outbox's event loop.
 */
final class PendingWrites {
    private record Append(Queued row, long since) {
    }

    private final LongSupplier nanoClock;
    private Map<Long, Append> appends = new LinkedHashMap<>();
    private List<Long> removals = new ArrayList<>();
    private List<OutboxStore.Dead> burials = new ArrayList<>();
    private List<Queued> attempts = new ArrayList<>();
    /** When the oldest pending removal, dead letter or attempt count came; meaningless while there is none. */
    private long othersSince;

    /** {@code nanoClock}: a monotonic clock in nanoseconds, the one the outbox's timers run on. */
    PendingWrites(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A new row, to be written. */
    void append(Queued q) {
        appends.put(q.id(), new Append(q, nanoClock.getAsLong()));
    }

    /** The row is gone for good: cancels its append if that is still pending, otherwise deletes it. */
    void remove(Queued q) {
        if (appends.remove(q.id()) != null) return;
        noteOther();
        removals.add(q.id());
    }

    /** The row's attempt count went up: folded into its pending append, or updated on disk. */
    void attempted(Queued again) {
        Append pendingAppend = appends.get(again.id());
        if (pendingAppend != null) {
            appends.put(again.id(), new Append(again, pendingAppend.since()));
            return;
        }
        noteOther();
        attempts.add(again);
    }

    /** The row moves to the dead letters (written there whether or not its append was pending). */
    void bury(OutboxStore.Dead dead) {
        appends.remove(dead.queued().id());
        noteOther();
        burials.add(dead);
    }

    private void noteOther() {
        if (removals.isEmpty() && burials.isEmpty() && attempts.isEmpty()) othersSince = nanoClock.getAsLong();
    }

    boolean hasAppends() {
        return !appends.isEmpty();
    }

    boolean isEmpty() {
        return appends.isEmpty() && !hasOthers();
    }

    private boolean hasOthers() {
        return !removals.isEmpty() || !burials.isEmpty() || !attempts.isEmpty();
    }

    /**
     * When a commit is due (on the nano clock): once the oldest append has waited {@code graceNanos}, or
     * the oldest other change {@code tidyNanos}; {@link Long#MAX_VALUE} when nothing is pending.
     */
    long dueAt(long graceNanos, long tidyNanos) {
        long due = Long.MAX_VALUE;
        if (!appends.isEmpty()) due = appends.values().iterator().next().since() + graceNanos;
        if (hasOthers()) due = Math.min(due, othersSince + tidyNanos);
        return due;
    }

    /**
     * The changes due now: the appends that have waited {@code graceNanos} (the younger ones stay pending),
     * and the other changes if any of those is taken or the oldest of them has waited {@code tidyNanos}.
     */
    OutboxStore.Changes takeDue(long graceNanos, long tidyNanos) {
        long now = nanoClock.getAsLong();
        List<Queued> ripe = new ArrayList<>();
        Iterator<Append> oldestFirst = appends.values().iterator();
        while (oldestFirst.hasNext()) {
            Append a = oldestFirst.next();
            if (now - a.since() < graceNanos) break;
            ripe.add(a.row());
            oldestFirst.remove();
        }
        boolean othersDue = hasOthers() && (!ripe.isEmpty() || now - othersSince >= tidyNanos);
        return othersDue ? new OutboxStore.Changes(ripe, takeRemovals(), takeBurials(), takeAttempts())
                : new OutboxStore.Changes(ripe, List.of(), List.of(), List.of());
    }

    /** Everything pending, as one commit's changes; pending is empty afterwards. */
    OutboxStore.Changes take() {
        List<Queued> rows = new ArrayList<>(appends.size());
        appends.values().forEach(a -> rows.add(a.row()));
        appends = new LinkedHashMap<>();
        return new OutboxStore.Changes(rows, takeRemovals(), takeBurials(), takeAttempts());
    }

    private List<Long> takeRemovals() {
        List<Long> taken = removals;
        removals = new ArrayList<>();
        return taken;
    }

    private List<OutboxStore.Dead> takeBurials() {
        List<OutboxStore.Dead> taken = burials;
        burials = new ArrayList<>();
        return taken;
    }

    private List<Queued> takeAttempts() {
        List<Queued> taken = attempts;
        attempts = new ArrayList<>();
        return taken;
    }

    /**
     * A commit failed: its removals and dead letters go with the next one (a stale row only means a
     * duplicate); its appends are the caller's to refuse.
     */
    void retryAfterFailure(OutboxStore.Changes failed) {
        if (!failed.removed().isEmpty() || !failed.dead().isEmpty()) noteOther();
        removals.addAll(failed.removed());
        burials.addAll(failed.dead());
    }
}
