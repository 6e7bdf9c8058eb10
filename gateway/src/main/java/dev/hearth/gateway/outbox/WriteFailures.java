package dev.hearth.gateway.outbox;

import dev.hearth.gateway.logging.BoundedRate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The outbox's group commits that failed, told at a bounded rate (as {@link RefusalLog} does for a full outbox): the
 * first at once, then a line per {@link RefusalLog#INTERVAL} with the counts. A full disk fails a commit every few
 * milliseconds for as long as it lasts (20 ERROR lines a second before); {@code store.Database} says why once.
 */
final class WriteFailures {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final String name;
    private final BoundedRate rate = new BoundedRate(RefusalLog.INTERVAL);
    private long notQueued;

    WriteFailures(String name) {
        this.name = name;
    }

    void failed(Object file, Throwable cause, int refused, Instant now) {
        notQueued += refused;
        rate.count(1, now).ifPresent(t -> {
            log.error("Outbox {}: could not write to {}: {}. {} commits failed{}; {} new messages were not queued.", name, file,
                    cause.getMessage(), t.count(), t.since(), notQueued);
            notQueued = 0;
        });
    }
}
