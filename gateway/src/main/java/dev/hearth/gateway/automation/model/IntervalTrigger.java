package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Every {@code every}, counted from when the gateway armed its triggers. */
public record IntervalTrigger(Duration every) implements Trigger.Scheduled {
    public static final TriggerKind KIND = new TriggerKind("interval", IntervalTrigger::read);

    public IntervalTrigger {
        if (every.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("interval below 1s");
    }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        if (!t.has("every")) t.missing("every");
        return t.duration("every").flatMap(d -> {
            if (d.getSeconds() >= 1) return Optional.of(new IntervalTrigger(d));
            t.problemAtValue("every", "'every' must be at least 1s");
            return Optional.empty();
        });
    }

    @Override
    public Optional<Instant> next(Instant after, ZoneId zone, SunClock sun) {
        return Optional.of(after.plus(every));
    }

    @Override
    public boolean missable() {
        return false;
    }

    @Override
    public String describe() {
        return "every " + Durations.format(every);
    }
}
