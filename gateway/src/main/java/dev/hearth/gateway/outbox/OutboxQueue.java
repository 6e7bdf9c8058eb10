package dev.hearth.gateway.outbox;

import dev.hearth.gateway.mqtt.Publication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The order and the limits of the outbox, in memory (the rows themselves are in {@link OutboxStore}).
 * Commands drain before telemetry; within a kind, messages leave in the order they came, so each
 * topic keeps its order. Counts every live row (waiting, being sent, not yet committed) against the
 * caps. Not thread-safe: owned by one event loop.
 */
public final class OutboxQueue {
    private final Deque<Queued> commands = new ArrayDeque<>();
    private final Deque<Queued> telemetry = new ArrayDeque<>();
    private final int maxRows;
    private final long maxBytes;
    private long rows;
    private long bytes;

    public OutboxQueue(int maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
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

    /** Counts a new message against the caps, dropping the oldest waiting telemetry if that makes room. */
    public Admission admit(Queued q) {
        List<Queued> evicted = new ArrayList<>();
        while (!fits(q)) {
            Queued oldest = telemetry.pollFirst();
            if (oldest == null) {
                restore(evicted);
                return new Admission.Full("outbox full (" + rows + " of " + maxRows + " messages, "
                        + bytes + " of " + maxBytes + " bytes, no telemetry left to drop)");
            }
            removed(oldest);
            evicted.add(oldest);
        }
        rows++;
        bytes += q.size();
        return new Admission.Admitted(evicted);
    }

    /** Counts a row found on disk at start, whatever the caps: it was admitted before. */
    public void recovered(Queued q) {
        rows++;
        bytes += q.size();
        ready(q);
    }

    /** A new row joins the end of its line. */
    public void ready(Queued q) {
        line(q.kind()).addLast(q);
    }

    /** A row the broker refused goes back to the head of its line for another attempt. */
    public void retry(Queued q) {
        line(q.kind()).addFirst(q);
    }

    /** Takes a waiting row out of its line (its commit failed: it was never queued after all). */
    public void withdraw(Queued q) {
        line(q.kind()).removeIf(x -> x.id() == q.id());
    }

    /** The next row to send: commands first. */
    public Optional<Queued> next() {
        Queued q = commands.pollFirst();
        return Optional.ofNullable(q != null ? q : telemetry.pollFirst());
    }

    /** A live row is gone for good (acknowledged, expired, dead-lettered, failed to commit). */
    public void removed(Queued q) {
        rows--;
        bytes -= q.size();
    }

    /** Takes the waiting rows whose lifetime has ended; call {@link #removed} for each once it is gone. */
    public List<Queued> expire(Instant now) {
        List<Queued> out = new ArrayList<>();
        for (Deque<Queued> line : List.of(commands, telemetry)) {
            // A line holds one kind, hence one lifetime, in arrival order: expired rows are at its head,
            // except retried dead letters, which are caught when they reach the head.
            while (!line.isEmpty() && line.peekFirst().expiredAt(now)) {
                out.add(line.pollFirst());
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

    public int waiting() {
        return commands.size() + telemetry.size();
    }

    /** Age of the oldest waiting row, zero when none waits. */
    public Duration oldestAge(Instant now) {
        Instant oldest = null;
        for (Deque<Queued> line : List.of(commands, telemetry)) {
            Queued head = line.peekFirst();
            if (head != null && (oldest == null || head.createdAt().isBefore(oldest))) oldest = head.createdAt();
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
            telemetry.addFirst(q);
        }
    }

    private Deque<Queued> line(Publication.Kind kind) {
        return kind == Publication.Kind.COMMAND ? commands : telemetry;
    }
}
