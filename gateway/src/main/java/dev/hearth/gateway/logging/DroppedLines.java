package dev.hearth.gateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The lines {@link LogQueue} could not queue, by level, and where they were missing: after the last line that was
 * queued before the first of them. The writer thread reports them right after writing that line, so the report stands
 * where the gap is. Drops during a report still pending join it.
 */
final class DroppedLines {
    private static final List<Level> LEVELS = List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE);

    private final long[] byLevel = new long[LEVELS.size()];
    private ILoggingEvent gapAfter;
    private boolean pending;

    /** A line not queued; {@code lastQueued} is the newest line in the queue. */
    synchronized void count(Level level, ILoggingEvent lastQueued) {
        if (!pending) gapAfter = lastQueued;
        pending = true;
        int index = LEVELS.indexOf(level);
        byLevel[index < 0 ? LEVELS.size() - 1 : index]++;
    }

    /** The report to write after {@code written}, if the gap is there, and counting starts afresh. */
    synchronized Optional<String> reportAfter(ILoggingEvent written) {
        if (!pending || (gapAfter != null && gapAfter != written)) return Optional.empty();
        String report = report();
        Arrays.fill(byLevel, 0);
        gapAfter = null;
        pending = false;
        return Optional.of(report);
    }

    /** Lines not queued and not reported yet, all levels. */
    synchronized long pending() {
        long total = 0;
        for (long n : byLevel) total += n;
        return total;
    }

    private String report() {
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < LEVELS.size(); i++) {
            if (byLevel[i] > 0) levels.add(byLevel[i] + " " + LEVELS.get(i));
        }
        return pending() + " log lines dropped: the log output was blocked and the queue in front of it full ("
                + String.join(", ", levels) + ")";
    }
}
