package dev.hearth.gateway.outbox;

import dev.hearth.gateway.logging.BoundedRate;
import dev.hearth.gateway.message.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * What a full outbox refuses, told at a bounded rate: the first refusal at once, then at most one line per
 * {@link #INTERVAL} with the counts since the last line. A broker away for an hour under a stream of
 * commands is one line every interval, not one per command (7,204 ERROR lines in 35 s before).
 */
final class RefusalLog {
    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final String name;
    private final BoundedRate rate = new BoundedRate(INTERVAL);
    private long commands;
    private long telemetry;
    private String lastReason = "";
    private String lastTopic = "";

    RefusalLog(String name) {
        this.name = name;
    }

    void refused(Publication p, String reason, Instant now) {
        if (p.kind() == Publication.Kind.COMMAND) commands++;
        else telemetry++;
        lastReason = reason;
        lastTopic = p.topic();
        rate.count(1, now).ifPresent(this::tell);
    }

    /** Tells what was refused since the last line, once the interval has passed; called at each refusal and each sweep. */
    void tick(Instant now) {
        rate.due(now).ifPresent(this::tell);
    }

    private void tell(BoundedRate.Told told) {
        // A refused command is lost for whoever asked: a person must look at the broker.
        if (commands > 0) {
            log.error("Outbox {}: refused {} commands and {} telemetry messages{}, last to '{}': {}. Is the broker unreachable "
                    + "for long? See hearth.outbox.status.", name, commands, telemetry, told.since(), lastTopic, lastReason);
        } else {
            log.warn("Outbox {}: dropped {} telemetry messages{}, last to '{}': {}", name, telemetry, told.since(), lastTopic, lastReason);
        }
        commands = 0;
        telemetry = 0;
    }
}
