package dev.hearth.gateway.history;

import java.time.Duration;
import java.util.Objects;

/** The {@code history} section of gateway.yaml: how long attribute history is kept. */
public record HistorySettings(Duration retention) {
    public static final Duration MIN_RETENTION = Duration.ofHours(1);
    public static final HistorySettings DEFAULTS = new HistorySettings(Duration.ofDays(30));

    public HistorySettings {
        Objects.requireNonNull(retention, "retention");
        if (retention.compareTo(MIN_RETENTION) < 0) throw new IllegalArgumentException("retention under " + MIN_RETENTION);
    }
}
