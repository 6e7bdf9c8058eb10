package dev.hearth.gateway.outbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which submitted messages are not yet safe: neither committed nor acknowledged by the broker (nor
 * given up). An inbound message is acknowledged to its broker only once everything it caused is
 * safe in one of these two ways, hence at-least-once. Not thread-safe: owned by the outbox's event loop.
 * <p>
 * Ids are submitted in increasing order (the outbox hands them out), so the unsettled ones live in a ring in that
 * order, each with a settled flag: a submission appends, a settlement finds its id by binary search and, at the head,
 * drops the settled run. Two to three of these per command on the event loop: a tree of boxed ids cost a node per
 * submission and its rebalancing twice.
 */
final class Settlements {
    private record Barrier(long upTo, Promise<Void> done) {
    }

    private long[] ids = new long[64];
    private boolean[] settled = new boolean[64];
    /** Index of the oldest entry in the ring, and how many entries (settled or not) it holds from there. */
    private int head;
    private int size;
    private final Deque<Barrier> barriers = new ArrayDeque<>();

    /** A message that must become safe; ids come in increasing order (the outbox's row ids), another costs a shift. */
    void submitted(long id) {
        if (size > 0 && id <= ids[index(size - 1)]) {
            insertInOrder(id);
            return;
        }
        if (size == ids.length) grow();
        int i = index(size++);
        ids[i] = id;
        settled[i] = false;
    }

    /**
     * The message is on disk, with the broker, or given up; settling twice, or an id never submitted, is harmless.
     * Barriers complete from the oldest: a settlement costs what it completes, not a look at every barrier (with
     * thousands of inbound messages waiting for their acknowledgement after a restart, that look blocked the event loop
     * for seconds).
     */
    void settled(long id) {
        int at = find(id);
        if (at < 0 || settled[index(at)]) return;
        settled[index(at)] = true;
        if (at > 0) return; // the oldest entry is still unsettled: no barrier can complete
        while (size > 0 && settled[head]) {
            head = (head + 1) % ids.length;
            size--;
        }
        long oldest = size == 0 ? Long.MAX_VALUE : ids[head];
        while (!barriers.isEmpty() && barriers.peekFirst().upTo() < oldest) barriers.pollFirst().done().complete();
    }

    /**
     * Completes once every message submitted so far is settled, and not before the barriers asked for earlier (their
     * acknowledgements go out in order anyway).
     */
    Future<Void> everythingSoFar() {
        if (size == 0) return Future.succeededFuture();
        long newest = ids[index(size - 1)];
        long upTo = barriers.isEmpty() ? newest : Math.max(newest, barriers.peekLast().upTo());
        Barrier b = new Barrier(upTo, Promise.promise());
        barriers.addLast(b);
        return b.done().future();
    }

    private void insertInOrder(long id) {
        if (find(id) >= 0) return;
        if (size == ids.length) grow();
        int p = size++;
        while (p > 0 && ids[index(p - 1)] > id) {
            ids[index(p)] = ids[index(p - 1)];
            settled[index(p)] = settled[index(p - 1)];
            p--;
        }
        ids[index(p)] = id;
        settled[index(p)] = false;
    }

    /** The position (0 = oldest) of {@code id} in the ring, or -1. */
    private int find(long id) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = ids[index(mid)];
            if (at < id) low = mid + 1;
            else if (at > id) high = mid - 1;
            else return mid;
        }
        return -1;
    }

    private int index(int position) {
        return (head + position) % ids.length;
    }

    private void grow() {
        long[] moreIds = new long[ids.length * 2];
        boolean[] moreSettled = new boolean[ids.length * 2];
        for (int p = 0; p < size; p++) {
            moreIds[p] = ids[index(p)];
            moreSettled[p] = settled[index(p)];
        }
        ids = moreIds;
        settled = moreSettled;
        head = 0;
    }
}
