package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.automation.load.TriggerReader;
import dev.hearth.gateway.automation.run.Schedules;
import dev.hearth.gateway.automation.run.TriggerIndex;
import com.cronutils.model.time.ExecutionTime;
import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.TopicFilter;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What starts an automation. Adding a kind: a record here, a case in {@link TriggerReader}, and where it is
 * dispatched in {@link TriggerIndex} (device events) or {@link Schedules} (clock times).
 */
public sealed interface Trigger permits Trigger.Watching, Trigger.Scheduled, Trigger.Mqtt, Trigger.DeviceAvailability,
        Trigger.Silent, Trigger.Gateway, Trigger.CommandFailed {

    String describe();

    /** Triggers that watch one device attribute, optionally until it has held for a while. */
    sealed interface Watching extends Trigger permits State, Numeric {
        AttributeRef watches();

        /** How long the matching state must hold before the automation runs; zero runs at once. */
        Duration holdFor();

        /** Whether this change is the transition the trigger waits for. */
        boolean firesOn(StateChanged change);

        /** Whether {@code current} still satisfies the trigger, for {@link #holdFor()}. */
        boolean holds(Value current);
    }

    /** Triggers fired by the clock; see {@link Schedules}. */
    sealed interface Scheduled extends Trigger permits Time, Cron, Sun, Interval {
    }

    /**
     * Fires when the attribute changes {@code from} → {@code to} (either may be omitted: any value). The first value
     * a device reports (out of unknown) fires only with {@code fromUnavailable}: no light flickers at start-up.
     */
    record State(AttributeRef watches, Optional<Value> from, Optional<Value> to, Duration holdFor, boolean fromUnavailable)
            implements Watching {
        public State {
            Objects.requireNonNull(watches, "watches");
            Objects.requireNonNull(holdFor, "holdFor");
        }

        @Override
        public boolean firesOn(StateChanged change) {
            if (change.previous().isEmpty()) return fromUnavailable && from.isEmpty() && holds(change.value());
            // Plain tests, no capturing lambdas: these run for every change of a watched attribute.
            return (from.isEmpty() || from.get().equals(change.previous().get())) && holds(change.value());
        }

        @Override
        public boolean holds(Value current) {
            return to.isEmpty() || to.get().equals(current);
        }

        @Override
        public String describe() {
            return "state " + watches + from.map(f -> " from " + f).orElse("") + to.map(t -> " to " + t).orElse("")
                    + hold(holdFor);
        }
    }

    /** Fires when a number crosses into the range {@code above < value < below}. */
    record Numeric(AttributeRef watches, OptionalDouble above, OptionalDouble below, Duration holdFor) implements Watching {
        public Numeric {
            Objects.requireNonNull(watches, "watches");
            Objects.requireNonNull(holdFor, "holdFor");
            if (above.isEmpty() && below.isEmpty()) throw new IllegalArgumentException("need above or below");
        }

        @Override
        public boolean firesOn(StateChanged change) {
            return change.previous().isPresent() && holds(change.value()) && !holds(change.previous().get());
        }

        @Override
        public boolean holds(Value current) {
            return current instanceof Value.Number n && NumericRange.contains(above, below, n.value());
        }

        @Override
        public String describe() {
            return "numeric " + watches + NumericRange.describe(above, below) + hold(holdFor);
        }
    }

    /** Every day (or on the given weekdays) at a wall-clock time in the configured zone. */
    record Time(LocalTime at, Set<DayOfWeek> weekdays) implements Scheduled {
        public Time {
            Objects.requireNonNull(at, "at");
            weekdays = weekdays.isEmpty() ? Set.of(DayOfWeek.values()) : Set.copyOf(weekdays);
        }

        @Override
        public String describe() {
            return "time " + at + (weekdays.size() == 7 ? "" : " on " + Weekdays.describe(weekdays));
        }
    }

    /** A five-field Unix cron expression in the configured zone. */
    record Cron(String expression, ExecutionTime schedule) implements Scheduled {
        @Override
        public boolean equals(Object o) {
            return o instanceof Cron c && c.expression.equals(expression);
        }

        @Override
        public int hashCode() {
            return expression.hashCode();
        }

        @Override
        public String describe() {
            return "cron '" + expression + "'";
        }
    }

    enum SunEvent { SUNRISE, SUNSET }

    /** Sunrise or sunset (plus an offset, which may be negative), computed offline from the configured location. */
    record Sun(SunEvent event, Duration offset) implements Scheduled {
        @Override
        public String describe() {
            return event.name().toLowerCase() + (offset.isZero() ? "" : (offset.isNegative() ? " - " : " + ")
                    + Durations.format(offset.abs()));
        }
    }

    /** Every {@code every}, counted from when the gateway armed its triggers. */
    record Interval(Duration every) implements Scheduled {
        public Interval {
            if (every.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("interval below 1s");
        }

        @Override
        public String describe() {
            return "every " + Durations.format(every);
        }
    }

    /** A raw MQTT message on a topic filter (for devices not in the registry), optionally with an exact payload. */
    record Mqtt(String topicFilter, Optional<String> payload) implements Trigger {
        public boolean matches(String topic, String text) {
            return TopicFilter.matches(topicFilter, topic) && payload.map(text::equals).orElse(true);
        }

        @Override
        public String describe() {
            return "mqtt " + topicFilter + payload.map(p -> " payload '" + p + "'").orElse("");
        }
    }

    /** A device going online or offline (optionally for a while); out of unknown fires only into offline. */
    record DeviceAvailability(DeviceId device, Availability to, Duration holdFor) implements Trigger {
        @Override
        public String describe() {
            return "availability " + device + " " + to.name().toLowerCase() + hold(holdFor);
        }
    }

    /**
     * A device has sent nothing at all (not even an unchanged value) for {@code after}: a sensor whose battery died
     * or that dropped off the network without a will message. Counted from start-up for a device not yet heard.
     */
    record Silent(DeviceId device, Duration after) implements Trigger {
        public Silent {
            Objects.requireNonNull(device, "device");
            if (after.isZero() || after.isNegative()) throw new IllegalArgumentException("silent needs a positive duration");
        }

        @Override
        public String describe() {
            return "silent " + device + " for " + Durations.format(after);
        }
    }

    enum GatewayEvent { STARTED, CONNECTION_LOST, CONNECTION_RESTORED }

    /** The gateway itself: started (once triggers are armed), its broker connection lost or restored. */
    record Gateway(GatewayEvent event) implements Trigger {
        @Override
        public String describe() {
            return "gateway " + event.name().toLowerCase();
        }
    }

    /** A command was never confirmed by its device's state topic (closed-loop commands); any device when empty. */
    record CommandFailed(Optional<DeviceId> device) implements Trigger {
        public CommandFailed {
            java.util.Objects.requireNonNull(device, "device");
        }

        public boolean matches(DeviceId failed) {
            return device.map(failed::equals).orElse(true);
        }

        @Override
        public String describe() {
            return device.map(d -> "command to " + d + " failed").orElse("a command failed");
        }
    }

    private static String hold(Duration d) {
        return d.isZero() ? "" : " for " + Durations.format(d);
    }
}
