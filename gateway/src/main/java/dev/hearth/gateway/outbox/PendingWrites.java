package dev.hearth.gateway.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the next group commit of the outbox must write. A row that is done with (acknowledged,
 * expired, dropped) before its append was taken into a commit cancels that append: it is neither
 * written nor deleted, so with the broker answering quickly most messages never touch the disk.
 * Not thread-safe: owned by the outbox's event loop.
 */
final class PendingWrites {
    private Map<Long, Queued> appends = new LinkedHashMap<>();
    private List<Long> removals = new ArrayList<>();
    private List<OutboxStore.Dead> burials = new ArrayList<>();
    private List<Queued> attempts = new ArrayList<>();

    /** A new row, to be written. */
    void append(Queued q) {
        appends.put(q.id(), q);
    }

    /** The row is gone for good: cancels its append if that is still pending, otherwise deletes it. */
    void remove(Queued q) {
        if (appends.remove(q.id()) == null) removals.add(q.id());
    }

    /** The row's attempt count went up: folded into its pending append, or updated on disk. */
    void attempted(Queued again) {
        if (appends.containsKey(again.id())) appends.put(again.id(), again);
        else attempts.add(again);
    }

    /** The row moves to the dead letters (written there whether or not its append was pending). */
    void bury(OutboxStore.Dead dead) {
        appends.remove(dead.queued().id());
        burials.add(dead);
    }

    boolean hasAppends() {
        return !appends.isEmpty();
    }

    boolean isEmpty() {
        return appends.isEmpty() && removals.isEmpty() && burials.isEmpty() && attempts.isEmpty();
    }

    /** Everything pending, as one commit's changes; pending is empty afterwards. */
    OutboxStore.Changes take() {
        OutboxStore.Changes changes = new OutboxStore.Changes(new ArrayList<>(appends.values()), removals, burials, attempts);
        appends = new LinkedHashMap<>();
        removals = new ArrayList<>();
        burials = new ArrayList<>();
        attempts = new ArrayList<>();
        return changes;
    }

    /**
     * A commit failed: its removals and dead letters go with the next one (a stale row only means a
     * duplicate); its appends are the caller's to refuse.
     */
    void retryAfterFailure(OutboxStore.Changes failed) {
        removals.addAll(failed.removed());
        burials.addAll(failed.dead());
    }
}
