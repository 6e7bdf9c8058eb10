package dev.hearth.gateway.history;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code history} section of gateway.yaml: how long attribute history is kept, and how often what was recorded
 * is written (Home Assistant's recorder also commits every 5 s by default: fewer writes to an SD card).
 */
public record HistorySettings(Duration retention, Duration commitInterval) {
    public static final Duration MIN_RETENTION = Duration.ofHours(1);
    public static final Duration MIN_COMMIT_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_COMMIT_INTERVAL = Duration.ofMinutes(1);
    public static final HistorySettings DEFAULTS = new HistorySettings(Duration.ofDays(30), Duration.ofSeconds(5));

    public HistorySettings {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(commitInterval, "commitInterval");
        if (retention.compareTo(MIN_RETENTION) < 0) throw new IllegalArgumentException("retention under " + MIN_RETENTION);
        if (commitInterval.compareTo(MIN_COMMIT_INTERVAL) < 0 || commitInterval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
            throw new IllegalArgumentException("commit interval outside " + MIN_COMMIT_INTERVAL + ".." + MAX_COMMIT_INTERVAL);
        }
    }
}
