package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.yaml.YamlMap;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every day (or on the given weekdays) at a wall-clock time in the configured zone. Days are stepped as calendar
 * dates in the home's zone, never as 24 hours, so across daylight-saving changes a daily 02:30 fires once: on the
 * spring-forward day it fires at 03:30 (the wall clock skips 02:30), on the fall-back day at the first 02:30 only.
 */
public record TimeTrigger(LocalTime at, Set<DayOfWeek> weekdays) implements Trigger.Scheduled {
    public static final TriggerKind KIND = new TriggerKind("time", TimeTrigger::read);
    /** How far ahead a moment is looked for (weekdays, or a sun that does not rise in polar winter). */
    static final int SEARCH_DAYS = 8 * 366;

    public TimeTrigger {
        Objects.requireNonNull(at, "at");
        weekdays = weekdays.isEmpty() ? Set.of(DayOfWeek.values()) : Set.copyOf(weekdays);
    }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        Optional<LocalTime> at = parts.time(t, "at");
        if (!t.has("at")) t.missing("at");
        var days = parts.weekdays(t);
        return at.map(a -> new TimeTrigger(a, days));
    }

    @Override
    public Optional<Instant> next(Instant after, ZoneId zone, SunClock sun) {
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!weekdays.contains(day.getDayOfWeek())) continue;
            Instant moment = ZonedDateTime.of(day, at, zone).toInstant();
            if (moment.isAfter(after)) return Optional.of(moment);
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "time " + at + (weekdays.size() == 7 ? "" : " on " + Weekdays.describe(weekdays));
    }
}
