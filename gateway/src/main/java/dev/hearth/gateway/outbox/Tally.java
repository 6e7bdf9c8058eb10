package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * The outbox's running figures, and its words on what it loses: what it delivered (and how fast), dropped,
 * let expire and buried in the dead letters. Counted on the outbox's event loop; {@link #snapshot} is
 * readable from any thread.
 */
final class Tally {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final String name;
    private final DrainRate drainRate = new DrainRate();
    private final RefusalLog refusals;
    private long delivered;
    private long dropped;
    private long expired;
    private long deadLetters;
    private volatile OutboxStatus snapshot = new OutboxStatus(false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    Tally(String name) {
        this.name = name;
        this.refusals = new RefusalLog(name);
    }

    void delivered(Instant now) {
        drainRate.mark(now);
        delivered++;
    }

    /** The dead letters a previous run left. */
    void recovered(long deadLetters) {
        this.deadLetters = deadLetters;
    }

    void buried() {
        deadLetters++;
    }

    void revived(int count) {
        deadLetters -= count;
    }

    /** Dead letters a person deleted. */
    void deadLettersDropped(int count) {
        deadLetters -= count;
    }

    void expired(List<Queued> rows) {
        expired += rows.size();
        long commands = rows.stream().filter(q -> q.kind() == Publication.Kind.COMMAND).count();
        log.warn("Outbox {}: dropped {} expired messages ({} commands, {} telemetry), first on '{}'", name, rows.size(),
                commands, rows.size() - commands, rows.get(0).publication().topic());
    }

    void evicted(Queued q) {
        dropped++;
        log.warn("Outbox {} full: dropped the oldest telemetry on '{}' to make room", name, q.publication().topic());
    }

    /** A publication the full outbox refused: counted, and told in a summary at a bounded rate. */
    void overflowed(Publication p, String reason, Instant now) {
        dropped++;
        refusals.refused(p, reason, now);
    }

    /** Tells the refusals not told yet, once their interval has passed. */
    void tick(Instant now) {
        refusals.tick(now);
    }

    /** Current figures, kept as the snapshot. */
    OutboxStatus status(boolean connected, OutboxQueue queue, Instant now) {
        snapshot = new OutboxStatus(connected, queue.rows(), queue.bytes(), queue.oldestAge(now).toMillis(),
                drainRate.perSecond(now), dropped, expired, deadLetters, queue.inMemory(), queue.spilled(), queue.peakInMemory(),
                queue.waiting(Publication.Kind.COMMAND), queue.waiting(Publication.Kind.TELEMETRY), delivered);
        return snapshot;
    }

    OutboxStatus snapshot() {
        return snapshot;
    }
}
