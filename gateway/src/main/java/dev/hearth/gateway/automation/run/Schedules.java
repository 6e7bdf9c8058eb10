package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.model.Trigger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a clock trigger next fires, strictly after a moment. Days are stepped as calendar dates in the home's zone,
 * never as 24 hours, so across daylight-saving changes a daily 02:30 fires once: on the spring-forward day it fires
 * at 03:30 (the wall clock skips 02:30), on the fall-back day at the first 02:30 only.
 */
public final class Schedules {
    private static final int SEARCH_DAYS = 8 * 366;

    private final ZoneId zone;
    private final SunClock sun;

    public Schedules(ZoneId zone, SunClock sun) {
        this.zone = zone;
        this.sun = sun;
    }

    public Optional<Instant> next(Trigger.Scheduled trigger, Instant after) {
        // Java 17 has no pattern switch; the sealed interface keeps this list complete.
        if (trigger instanceof Trigger.Time t) return nextTime(t, after);
        if (trigger instanceof Trigger.Cron c) return c.schedule().nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
        if (trigger instanceof Trigger.Sun s) return nextSun(s, after);
        return Optional.of(after.plus(((Trigger.Interval) trigger).every()));
    }

    private Optional<Instant> nextTime(Trigger.Time t, Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!t.weekdays().contains(day.getDayOfWeek())) continue;
            Instant at = ZonedDateTime.of(day, t.at(), zone).toInstant();
            if (at.isAfter(after)) return Optional.of(at);
        }
        return Optional.empty();
    }

    private Optional<Instant> nextSun(Trigger.Sun s, Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            Optional<Instant> at = sun.event(s.event(), day).map(x -> x.plus(s.offset()));
            if (at.isPresent() && at.get().isAfter(after)) return at;
        }
        return Optional.empty();
    }
}
