package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Trigger;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.TopicFilter;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads one trigger. Its YAML keys live here. */
public final class TriggerReader {
    static final List<String> KINDS = List.of("state", "numeric", "time", "cron", "sun", "interval", "mqtt", "availability", "silent", "gateway",
            "command_failed");

    /** Built on the first cron trigger: cron-utils' classes and definitions cost start-up time in homes with none. */
    private static final class UnixCron {
        static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    }

    private final PartReader parts;

    TriggerReader(PartReader parts) {
        this.parts = parts;
    }

    Optional<Trigger> trigger(YamlMap t) {
        Optional<String> kind = t.choice("trigger", k -> Optional.of(k).filter(KINDS::contains), KINDS);
        if (!t.has("trigger")) t.missing("trigger");
        Optional<Trigger> result = kind.flatMap(k -> switch (k) {
            case "state" -> state(t);
            case "numeric" -> numeric(t);
            case "time" -> time(t);
            case "cron" -> cron(t);
            case "sun" -> sun(t);
            case "interval" -> interval(t);
            case "mqtt" -> mqtt(t);
            case "availability" -> availability(t);
            case "silent" -> silent(t);
            case "command_failed" -> commandFailed(t);
            default -> gateway(t);
        });
        t.finish();
        return result;
    }

    private Optional<Trigger> state(YamlMap t) {
        Optional<PartReader.Watched> w = parts.watched(t);
        Optional<Value> from = w.flatMap(x -> parts.value(t, "from", x.spec()));
        Optional<Value> to = w.flatMap(x -> parts.value(t, "to", x.spec()));
        Duration hold = t.duration("for", Duration.ZERO);
        boolean fromUnavailable = t.flag("from_unavailable", false);
        return w.map(x -> new Trigger.State(x.ref(), from, to, hold, fromUnavailable));
    }

    private Optional<Trigger> numeric(YamlMap t) {
        Optional<PartReader.Watched> w = parts.watched(t).filter(x -> parts.numeric(t, x));
        OptionalDouble above = t.number("above");
        OptionalDouble below = t.number("below");
        Duration hold = t.duration("for", Duration.ZERO);
        if (!parts.rangeOk(t, above, below)) return Optional.empty();
        return w.map(x -> new Trigger.Numeric(x.ref(), above, below, hold));
    }

    private Optional<Trigger> time(YamlMap t) {
        Optional<LocalTime> at = parts.time(t, "at");
        if (!t.has("at")) t.missing("at");
        var days = parts.weekdays(t);
        return at.map(a -> new Trigger.Time(a, days));
    }

    private Optional<Trigger> cron(YamlMap t) {
        if (!t.has("cron")) t.missing("cron");
        return t.text("cron").flatMap(expression -> {
            try {
                return Optional.of(new Trigger.Cron(expression, ExecutionTime.forCron(UnixCron.PARSER.parse(expression).validate())));
            } catch (IllegalArgumentException e) {
                t.problemAtValue("cron", "bad cron expression '" + expression + "': " + e.getMessage()
                        + " (five fields: minute hour day-of-month month day-of-week)");
                return Optional.empty();
            }
        });
    }

    private Optional<Trigger> sun(YamlMap t) {
        List<String> events = List.of("sunrise", "sunset");
        Optional<Trigger.SunEvent> event = t.choice("event",
                e -> Optional.of(e).filter(events::contains).map(x -> Trigger.SunEvent.valueOf(x.toUpperCase(Locale.ROOT))), events);
        if (!t.has("event")) t.missing("event");
        Duration offset = parts.signedDuration(t, "offset").orElse(Duration.ZERO);
        return event.map(e -> new Trigger.Sun(e, offset));
    }

    private Optional<Trigger> interval(YamlMap t) {
        if (!t.has("every")) t.missing("every");
        return t.duration("every").flatMap(d -> {
            if (d.getSeconds() >= 1) return Optional.of(new Trigger.Interval(d));
            t.problemAtValue("every", "'every' must be at least 1s");
            return Optional.empty();
        });
    }

    private Optional<Trigger> mqtt(YamlMap t) {
        if (!t.has("topic")) t.missing("topic");
        Optional<String> payload = t.text("payload");
        return t.text("topic").flatMap(topic -> {
            String problem = TopicFilter.problem(topic);
            if (problem == null) return Optional.of(new Trigger.Mqtt(topic, payload));
            t.problemAtValue("topic", "bad topic filter '" + topic + "': " + problem);
            return Optional.empty();
        });
    }

    private Optional<Trigger> availability(YamlMap t) {
        Optional<DeviceSpec> device = parts.devices.device(t);
        List<String> states = List.of("online", "offline");
        Optional<Availability> to = t.choice("to", s -> Optional.of(s).filter(states::contains)
                .map(x -> Availability.valueOf(x.toUpperCase(Locale.ROOT))), states);
        if (!t.has("to")) t.missing("to");
        Duration hold = t.duration("for", Duration.ZERO);
        return device.flatMap(d -> to.map(a -> new Trigger.DeviceAvailability(d.id(), a, hold)));
    }

    private Optional<Trigger> silent(YamlMap t) {
        Optional<DeviceSpec> device = parts.devices.device(t);
        if (!t.has("for")) t.missing("for");
        Optional<Duration> after = t.duration("for").filter(d -> {
            if (!d.isZero()) return true;
            t.problemAtValue("for", "'for' must be longer than zero");
            return false;
        });
        return device.flatMap(d -> after.map(a -> new Trigger.Silent(d.id(), a)));
    }

    /** {@code device} is optional: without it, any command that failed. */
    private Optional<Trigger> commandFailed(YamlMap t) {
        if (!t.has("device")) return Optional.of(new Trigger.CommandFailed(Optional.empty()));
        return parts.devices.device(t).map(d -> new Trigger.CommandFailed(Optional.of(d.id())));
    }

    private Optional<Trigger> gateway(YamlMap t) {
        List<String> events = List.of("started", "connection_lost", "connection_restored");
        Optional<Trigger.GatewayEvent> event = t.choice("event", e -> Optional.of(e).filter(events::contains)
                .map(x -> Trigger.GatewayEvent.valueOf(x.toUpperCase(Locale.ROOT))), events);
        if (!t.has("event")) t.missing("event");
        return event.map(Trigger.Gateway::new);
    }
}
