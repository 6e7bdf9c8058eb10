package dev.hearth.gateway.outbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of one kind waiting to be sent, in id order: a head held in memory (at most a window of
 * rows and bytes) and a tail that lives only in H2 ("spilled"), counted here but read back a page at a
 * time as the head drains. Once a line spills, every newer row of its kind spills behind it, so the
 * head always holds the oldest rows and paging by id keeps the order. A spilled row whose append is
 * not committed yet is only in memory (in the pending writes): it is tracked here until its commit,
 * and a page read never runs ahead of that commit. Not thread-safe: owned by the outbox's event loop.
 */
final class Line {
    private final OutboxQueue.Window window;
    private final Deque<Queued> head = new ArrayDeque<>();
    private final Map<Long, Queued> unwritten = new LinkedHashMap<>();
    private long headBytes;
    private long spilled;
    private long loadedUpTo;
    private boolean paging;
    private int peak;

    Line(OutboxQueue.Window window) {
        this.window = window;
    }

    /** A row joins the end of the line; {@code written} when it is committed already. */
    void add(Queued q, boolean written) {
        if (spilled > 0 || head.size() >= window.rows() || (!head.isEmpty() && headBytes + q.size() > window.bytes())) {
            spilled++;
            if (!written) unwritten.put(q.id(), q);
            return;
        }
        keep(q);
    }

    /** Counts rows that are on disk only (found at start beyond the first page). */
    void spilledOnDisk(long rows) {
        spilled += rows;
    }

    /** A refused row goes back to the head of the line (it was read from there: the window has room for it). */
    void retry(Queued q) {
        head.addFirst(q);
        headBytes += q.size();
        peak = Math.max(peak, head.size());
    }

    Optional<Queued> poll() {
        Queued q = head.pollFirst();
        if (q != null) headBytes -= q.size();
        return Optional.ofNullable(q);
    }

    Queued peek() {
        return head.peekFirst();
    }

    /** Takes a row out whose commit failed (it was never queued after all), wherever it waits. */
    boolean withdraw(Queued q) {
        if (unwritten.remove(q.id()) != null) {
            spilled--;
            return true;
        }
        if (!head.removeIf(x -> x.id() == q.id())) return false;
        headBytes -= q.size();
        return true;
    }

    /** These appends are on disk now: a spilled one among them lives only there from now on. */
    void written(List<Queued> appended) {
        for (Queued q : appended) unwritten.remove(q.id());
    }

    /** The next page to read from disk when the head has drained to half its window, if any. */
    Optional<OutboxQueue.Page> pageWanted() {
        if (spilled == 0 || paging || head.size() > window.rows() / 2 || headBytes > window.bytes() / 2) return Optional.empty();
        paging = true;
        return Optional.of(new OutboxQueue.Page(loadedUpTo, window.rows() - head.size()));
    }

    /**
     * Rows read from disk after {@link #loadedUpTo}, in id order, join the head while the window has
     * room; the rest stay spilled (read again later). A failed read passes an empty list.
     */
    void paged(List<Queued> rows) {
        paging = false;
        for (Queued q : rows) {
            if (q.id() <= loadedUpTo || spilled == 0) continue;
            if (!head.isEmpty() && (head.size() >= window.rows() || headBytes + q.size() > window.bytes())) break;
            spilled--;
            unwritten.remove(q.id());
            keep(q);
        }
    }

    boolean spillsOnly() {
        return head.isEmpty() && spilled > 0;
    }

    int inMemory() {
        return head.size();
    }

    long spilled() {
        return spilled;
    }

    int peak() {
        return peak;
    }

    Instant oldestInMemory() {
        Queued q = head.peekFirst();
        return q == null ? null : q.createdAt();
    }

    private void keep(Queued q) {
        head.addLast(q);
        headBytes += q.size();
        loadedUpTo = Math.max(loadedUpTo, q.id());
        peak = Math.max(peak, head.size());
    }
}
