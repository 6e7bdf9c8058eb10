package dev.hearth.gateway.automation.model;

import org.shredzone.commons.suncalc.SunTimes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/** Sunrise and sunset at the configured location, computed offline; empty on polar days and nights. */
public final class SunClock {
    private final double latitude;
    private final double longitude;
    private final ZoneId zone;

    public SunClock(double latitude, double longitude, ZoneId zone) {
        this.latitude = latitude;
        this.longitude = longitude;
        this.zone = zone;
    }

    public Optional<Instant> sunrise(LocalDate day) {
        return Optional.ofNullable(times(day).getRise()).map(z -> z.toInstant());
    }

    public Optional<Instant> sunset(LocalDate day) {
        return Optional.ofNullable(times(day).getSet()).map(z -> z.toInstant());
    }

    public Optional<Instant> event(SunTrigger.Event event, LocalDate day) {
        return event == SunTrigger.Event.SUNRISE ? sunrise(day) : sunset(day);
    }

    private SunTimes times(LocalDate day) {
        // Search only within the day, so that the rise and set returned belong to that date in the home's zone.
        return SunTimes.compute().on(day.atStartOfDay(zone)).at(latitude, longitude).limit(java.time.Duration.ofDays(1)).execute();
    }
}
