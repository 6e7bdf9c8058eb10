package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Sunrise or sunset (plus an offset, which may be negative), computed offline from the configured location. */
public record SunTrigger(Event event, Duration offset) implements Trigger.Scheduled {
    public static final TriggerKind KIND = new TriggerKind("sun", SunTrigger::read);

    public enum Event { SUNRISE, SUNSET }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        List<String> events = List.of("sunrise", "sunset");
        Optional<Event> event = t.choice("event",
                e -> Optional.of(e).filter(events::contains).map(x -> Event.valueOf(x.toUpperCase(Locale.ROOT))), events);
        if (!t.has("event")) t.missing("event");
        Duration offset = parts.signedDuration(t, "offset").orElse(Duration.ZERO);
        return event.map(e -> new SunTrigger(e, offset));
    }

    /** From the day before {@code after}: a negative offset can put yesterday's event's moment after it. */
    @Override
    public Optional<Instant> next(Instant after, ZoneId zone, SunClock sun) {
        LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i <= TimeTrigger.SEARCH_DAYS; i++, day = day.plusDays(1)) {
            Optional<Instant> at = sun.event(event, day).map(x -> x.plus(offset));
            if (at.isPresent() && at.get().isAfter(after)) return at;
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return event.name().toLowerCase() + (offset.isZero() ? "" : (offset.isNegative() ? " - " : " + ")
                + Durations.format(offset.abs()));
    }
}
