package dev.hearth.gateway.automation.model;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Weekday names as written in automations: {@code mon} … {@code sun}. */
public final class Weekdays {
    private Weekdays() {
    }

    public static Optional<DayOfWeek> parse(String text) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(text)) return Optional.of(d);
        }
        return Optional.empty();
    }

    static String describe(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase())
                .collect(Collectors.joining(","));
    }

    public static final java.util.List<String> NAMES = java.util.List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
}
