package dev.hearth.gateway.logging;

import java.time.Duration;
import java.time.Instant;

/**
 * Something that keeps happening, told at a bounded rate: the first occurrence at once, then at most one line per
 * interval with the count since the last line. An outage of an hour is a line every interval, not one per event.
 * Not thread-safe: one owner (an event loop, or under the owner's lock).
 */
public final class BoundedRate {
    private final Duration interval;
    private Instant lastLine = Instant.MIN;
    private long count;

    public BoundedRate(Duration interval) {
        this.interval = interval;
    }

    /** Counts {@code n} occurrences; true when a line is due now (then {@link #take} it). */
    public boolean count(long n, Instant now) {
        count += n;
        return due(now);
    }

    /** True when occurrences are untold and the interval since the last line has passed. */
    public boolean due(Instant now) {
        return count > 0 && !now.isBefore(lastLine.plus(interval));
    }

    /** The occurrences since the last line, which is told now: " in the last N s" follows from {@link #since}. */
    public long take(Instant now) {
        long told = count;
        count = 0;
        lastLine = now;
        return told;
    }

    /** " in the last N s" after a first line, empty before it; ask before {@link #take}. */
    public String since(Instant now) {
        return lastLine.equals(Instant.MIN) ? "" : " in the last " + Duration.between(lastLine, now).toSeconds() + " s";
    }
}
