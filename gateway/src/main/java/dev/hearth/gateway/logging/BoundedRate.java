package dev.hearth.gateway.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that keeps happening, told at a bounded rate: the first occurrence at once, then at most one line per
 * interval with the count since the last line. An outage of an hour is a line every interval, not one per event.
 * Not thread-safe: one owner (an event loop, or under the owner's lock).
 */
public final class BoundedRate {
    /** What a line tells: the occurrences since the last line, and " in the last N s" ("" for the first line). */
    public record Told(long count, String since) {
    }

    private final Duration interval;
    private Instant lastLine = Instant.MIN;
    private long count;

    public BoundedRate(Duration interval) {
        this.interval = interval;
    }

    /** Counts {@code n} occurrences; what to tell when a line is due now (it is then told), else empty. */
    public Optional<Told> count(long n, Instant now) {
        count += n;
        return due(now);
    }

    /** What to tell when occurrences are untold and the interval since the last line has passed (it is then told). */
    public Optional<Told> due(Instant now) {
        if (count == 0 || now.isBefore(lastLine.plus(interval))) return Optional.empty();
        Told told = new Told(count, lastLine.equals(Instant.MIN) ? "" : " in the last " + Duration.between(lastLine, now).toSeconds() + " s");
        count = 0;
        lastLine = now;
        return Optional.of(told);
    }
}
