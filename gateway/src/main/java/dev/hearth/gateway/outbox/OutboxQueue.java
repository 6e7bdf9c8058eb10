package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order and the limits of the outbox (the rows themselves are in {@link OutboxStore}). Commands
 * drain before telemetry; within a kind, messages leave in the order they came, so each topic keeps its
 * order. Counts every live row (waiting in memory or on disk only, being sent, not yet committed)
 * against the caps. Memory is bounded by a {@link Window} per kind, not by the backlog: rows beyond it
 * are read back from disk a page at a time ({@link #pageWanted}). Not thread-safe: owned by one event loop.
 */
public final class OutboxQueue {
    /**
     * How many waiting rows of each kind are kept in memory at most. The default of 1,000 rows or 1 MiB
     * keeps the transport's 256 in-flight messages fed: a page of ~500 rows is read when half of it has
     * drained, which takes H2 a few milliseconds, while 500 rows last ~100 ms even at 5,000 msg/s. Two
     * kinds cost at most ~2 MiB of payload, whatever the backlog on disk (up to the caps).
     */
    public record Window(int rows, long bytes) {
        public static final Window DEFAULT = new Window(1_000, 1024 * 1024);

        public Window {
            if (rows < 2 || bytes < 1) throw new IllegalArgumentException("window must hold at least two rows and one byte");
        }
    }

    /** Rows of one kind to read from disk: ids above {@code afterId}, in id order, at most {@code limit}. */
    public record Page(long afterId, int limit) {
    }

    /** The answer when the message fits: nothing dropped (one per message otherwise). */
    private static final Admission ADMITTED = new Admission.Admitted(List.of());

    private final Line commands;
    private final Line telemetry;
    private final int maxRows;
    private final long maxBytes;
    private long rows;
    private long bytes;

    public OutboxQueue(int maxRows, long maxBytes) {
        this(maxRows, maxBytes, Window.DEFAULT);
    }

    public OutboxQueue(int maxRows, long maxBytes, Window window) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.commands = new Line(window);
        this.telemetry = new Line(window);
    }

    /** The answer to a new message when the outbox is near its caps. */
    public sealed interface Admission {
        /** Taken; {@code evicted} are older waiting telemetry rows dropped to make room. */
        record Admitted(List<Queued> evicted) implements Admission {
        }

        /** Not taken: the outbox is full of messages that may not be dropped for it. */
        record Full(String reason) implements Admission {
        }
    }

    /**
     * Counts a new message against the caps, dropping the oldest waiting telemetry if that makes room.
     * When the oldest telemetry is on disk only (its page is being read), the message is taken over the
     * caps and {@link #overCaps} drops the oldest rows of that page as soon as it arrives: the caps are
     * exceeded by at most the messages that come during one page read, never at the cost of newer ones.
     */
    public Admission admit(Queued q) {
        if (fits(q)) {
            rows++;
            bytes += q.size();
            return ADMITTED;
        }
        List<Queued> evicted = new ArrayList<>();
        while (!fits(q) && !telemetry.spillsOnly()) {
            Optional<Queued> oldest = telemetry.poll();
            if (oldest.isEmpty()) {
                restore(evicted);
                return new Admission.Full("outbox full (" + rows + " of " + maxRows + " messages, "
                        + bytes + " of " + maxBytes + " bytes, no telemetry left to drop)");
            }
            removed(oldest.get());
            evicted.add(oldest.get());
        }
        rows++;
        bytes += q.size();
        return new Admission.Admitted(evicted);
    }

    /** Drops the oldest telemetry in memory while the outbox is over its caps (after a page is read); returns what it dropped. */
    public List<Queued> overCaps() {
        List<Queued> evicted = new ArrayList<>();
        while (rows > maxRows || bytes > maxBytes) {
            Optional<Queued> oldest = telemetry.poll();
            if (oldest.isEmpty()) break;
            removed(oldest.get());
            evicted.add(oldest.get());
        }
        return evicted;
    }

    /** Counts a row already on disk (found at start, or a dead letter queued again), whatever the caps. */
    public void recovered(Queued q) {
        rows++;
        bytes += q.size();
        line(q.kind()).add(q, true);
    }

    /** Counts rows found at start that stay on disk only, behind the first page ({@link #recovered}). */
    public void recoveredOnDisk(Publication.Kind kind, long count, long size) {
        rows += count;
        bytes += size;
        line(kind).spilledOnDisk(count);
    }

    /** A new row (its append not yet committed) joins the end of its line. */
    public void ready(Queued q) {
        line(q.kind()).add(q, false);
    }

    /** These appends are committed: rows among them beyond the window now live on disk only. */
    public void written(List<Queued> appended) {
        commands.written(appended);
        telemetry.written(appended);
    }

    /** A row the broker refused goes back to the head of its line for another attempt. */
    public void retry(Queued q) {
        line(q.kind()).retry(q);
    }

    /** Takes a waiting row out of its line (its commit failed: it was never queued after all); false if it is not there. */
    public boolean withdraw(Queued q) {
        return line(q.kind()).withdraw(q);
    }

    /** The next row to send: commands first, even those still on disk (nothing while their page is read). */
    public Optional<Queued> next() {
        Optional<Queued> q = commands.poll();
        return q.isPresent() || commands.spilled() > 0 ? q : telemetry.poll();
    }

    /**
     * The page of {@code kind} to read from disk now, if its line has drained to half its window and
     * rows wait on disk; hand the rows read (in id order, committed rows only) to {@link #paged}.
     */
    public Optional<Page> pageWanted(Publication.Kind kind) {
        return line(kind).pageWanted();
    }

    /** Rows read for {@link #pageWanted} (empty if the read failed: it is asked for again). */
    public void paged(Publication.Kind kind, List<Queued> page) {
        line(kind).paged(page);
    }

    /** A live row is gone for good (acknowledged, expired, dead-lettered, failed to commit). */
    public void removed(Queued q) {
        rows--;
        bytes -= q.size();
    }

    /**
     * Takes the waiting rows in memory whose lifetime has ended; call {@link #removed} for each once it
     * is gone. Expired rows on disk are behind them and expire as their page is read.
     */
    public List<Queued> expire(Instant now) {
        List<Queued> out = new ArrayList<>();
        for (Line line : List.of(commands, telemetry)) {
            // A line holds one kind, hence one lifetime, in arrival order: expired rows are at its head,
            // except retried dead letters, which are caught when they reach the head.
            while (line.peek() != null && line.peek().expiredAt(now)) {
                out.add(line.poll().orElseThrow());
            }
        }
        return out;
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    /** Rows waiting to be handed to the transport, in memory or on disk only. */
    public long waiting() {
        return inMemory() + spilled();
    }

    /** Rows of one kind waiting to be handed to the transport, in memory or on disk only. */
    public long waiting(Publication.Kind kind) {
        Line line = line(kind);
        return line.inMemory() + line.spilled();
    }

    /** Waiting rows held in memory (at most a window per kind, plus refused rows back for a retry). */
    public int inMemory() {
        return commands.inMemory() + telemetry.inMemory();
    }

    /** Waiting rows that live on disk only. */
    public long spilled() {
        return commands.spilled() + telemetry.spilled();
    }

    /** The most waiting rows one line has held in memory at once. */
    public int peakInMemory() {
        return Math.max(commands.peak(), telemetry.peak());
    }

    /** Age of the oldest waiting row in memory, zero when none waits. */
    public Duration oldestAge(Instant now) {
        Instant oldest = null;
        for (Line line : List.of(commands, telemetry)) {
            Instant head = line.oldestInMemory();
            if (head != null && (oldest == null || head.isBefore(oldest))) oldest = head;
        }
        return oldest == null ? Duration.ZERO : Duration.between(oldest, now);
    }

    private boolean fits(Queued q) {
        return rows + 1 <= maxRows && bytes + q.size() <= maxBytes;
    }

    private void restore(List<Queued> evicted) {
        for (int i = evicted.size() - 1; i >= 0; i--) {
            Queued q = evicted.get(i);
            rows++;
            bytes += q.size();
            telemetry.retry(q);
        }
    }

    private Line line(Publication.Kind kind) {
        return kind == Publication.Kind.COMMAND ? commands : telemetry;
    }
}
