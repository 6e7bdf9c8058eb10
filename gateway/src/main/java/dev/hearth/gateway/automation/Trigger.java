package dev.hearth.gateway.automation;

import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** What starts an automation. Each trigger watches one device attribute. */
public sealed interface Trigger permits Trigger.State, Trigger.Numeric {

    AttributeRef watches();

    /** How long the matching state must hold before the automation runs; zero runs at once. */
    Duration holdFor();

    /** Whether this change is the transition the trigger waits for. A first value (out of unknown) never is. */
    boolean firesOn(StateChanged change);

    /** Whether {@code current} still satisfies the trigger, for {@link #holdFor()}. */
    boolean holds(Value current);

    String describe();

    /** Fires when the attribute changes {@code from} → {@code to} (either may be omitted: any value). */
    record State(AttributeRef watches, Optional<Value> from, Optional<Value> to, Duration holdFor) implements Trigger {
        public State {
            Objects.requireNonNull(watches, "watches");
            Objects.requireNonNull(holdFor, "holdFor");
        }

        @Override
        public boolean firesOn(StateChanged change) {
            return change.previous().isPresent()
                    && from.map(f -> f.equals(change.previous().get())).orElse(true)
                    && holds(change.value());
        }

        @Override
        public boolean holds(Value current) {
            return to.map(t -> t.equals(current)).orElse(true);
        }

        @Override
        public String describe() {
            return "state " + watches + from.map(f -> " from " + f).orElse("") + to.map(t -> " to " + t).orElse("")
                    + (holdFor.isZero() ? "" : " for " + holdFor);
        }
    }

    /** Fires when a number crosses into the range {@code above < value < below}. */
    record Numeric(AttributeRef watches, OptionalDouble above, OptionalDouble below, Duration holdFor) implements Trigger {
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
            return "numeric " + watches + NumericRange.describe(above, below) + (holdFor.isZero() ? "" : " for " + holdFor);
        }
    }
}
