package dev.hearth.gateway.yaml;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 500ms}, {@code 2d}, or {@code 01:30:00}. */
public final class Durations {
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,3}):([0-5]\\d)(?::([0-5]\\d))?");
    private static final long MAX_DAYS = 366;

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) return Optional.empty();
        Matcher clock = CLOCK.matcher(t);
        if (clock.matches()) {
            return Optional.of(Duration.ofHours(Long.parseLong(clock.group(1)))
                    .plusMinutes(Long.parseLong(clock.group(2)))
                    .plusSeconds(clock.group(3) == null ? 0 : Long.parseLong(clock.group(3))));
        }
        Matcher m = UNITS.matcher(t);
        if (!m.matches()) return Optional.empty();
        try {
            Duration d = Duration.ofDays(part(m, 1)).plusHours(part(m, 2)).plusMinutes(part(m, 3))
                    .plusSeconds(part(m, 4)).plusMillis(part(m, 5));
            return d.toDays() > MAX_DAYS ? Optional.empty() : Optional.of(d);
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The inverse of {@link #parse} for messages: {@code 1h30m}, {@code 90s} → {@code 1m30s}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder b = new StringBuilder();
        if (d.toDaysPart() > 0) b.append(d.toDaysPart()).append('d');
        if (d.toHoursPart() > 0) b.append(d.toHoursPart()).append('h');
        if (d.toMinutesPart() > 0) b.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) b.append(d.toSecondsPart()).append('s');
        if (d.toMillisPart() > 0) b.append(d.toMillisPart()).append("ms");
        return b.toString();
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }
}
