package dev.hearth.gateway.automation;

import dev.hearth.gateway.device.Value;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/** What must be true, at the moment a trigger fires, for the actions to run. */
public sealed interface Condition permits Condition.State, Condition.Numeric, Condition.All, Condition.Any, Condition.Not {

    boolean test(StateView states);

    String describe(StateView states);

    record State(AttributeRef ref, Value is) implements Condition {
        public State {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(is, "is");
        }

        @Override
        public boolean test(StateView states) {
            return states.value(ref.device(), ref.attribute()).map(is::equals).orElse(false);
        }

        @Override
        public String describe(StateView states) {
            return ref + " is " + is + " (was " + states.value(ref.device(), ref.attribute()).map(Value::toString).orElse("unknown") + ")";
        }
    }

    record Numeric(AttributeRef ref, OptionalDouble above, OptionalDouble below) implements Condition {
        public Numeric {
            Objects.requireNonNull(ref, "ref");
            if (above.isEmpty() && below.isEmpty()) throw new IllegalArgumentException("need above or below");
        }

        @Override
        public boolean test(StateView states) {
            return states.value(ref.device(), ref.attribute())
                    .filter(v -> v instanceof Value.Number n && NumericRange.contains(above, below, n.value()))
                    .isPresent();
        }

        @Override
        public String describe(StateView states) {
            return ref + NumericRange.describe(above, below) + " (was "
                    + states.value(ref.device(), ref.attribute()).map(Value::toString).orElse("unknown") + ")";
        }
    }

    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(StateView states) {
            return conditions.stream().allMatch(c -> c.test(states));
        }

        @Override
        public String describe(StateView states) {
            return "and(" + String.join(", ", conditions.stream().map(c -> c.describe(states)).toList()) + ")";
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(StateView states) {
            return conditions.stream().anyMatch(c -> c.test(states));
        }

        @Override
        public String describe(StateView states) {
            return "or(" + String.join(", ", conditions.stream().map(c -> c.describe(states)).toList()) + ")";
        }
    }

    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public boolean test(StateView states) {
            return !condition.test(states);
        }

        @Override
        public String describe(StateView states) {
            return "not(" + condition.describe(states) + ")";
        }
    }
}
