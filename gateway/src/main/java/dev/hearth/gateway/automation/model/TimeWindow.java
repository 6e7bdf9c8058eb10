package dev.hearth.gateway.automation.model;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;

/** Whether a local date-time lies in a daily window that may cross midnight. */
public final class TimeWindow {
    private TimeWindow() {
    }

    /**
     * {@code after} inclusive, {@code before} exclusive. A window crossing midnight (22:00–06:00) belongs to the day it
     * started: at 01:00 on Saturday, a Friday-only 22:00–06:00 window is open.
     */
    public static boolean contains(Optional<LocalTime> after, Optional<LocalTime> before, Set<DayOfWeek> weekdays, LocalDateTime at) {
        LocalTime t = at.toLocalTime();
        DayOfWeek today = at.getDayOfWeek();
        if (after.isEmpty() || before.isEmpty() || !after.get().isAfter(before.get())) {
            boolean in = after.map(a -> !t.isBefore(a)).orElse(true) && before.map(b -> t.isBefore(b)).orElse(true);
            if (after.isPresent() && before.isPresent() && after.get().equals(before.get())) in = true;
            return in && weekdays.contains(today);
        }
        if (!t.isBefore(after.get())) return weekdays.contains(today);
        if (t.isBefore(before.get())) return weekdays.contains(today.minus(1));
        return false;
    }
}
