package dev.hearth.gateway.helper;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.Value;

import java.time.Instant;
import java.util.Map;

/**
 * A count ({@code counter}): {@code action: increment}, {@code decrement} (by {@code step}, never past min or max) or
 * {@code reset} (to its initial value); {@code state} may also be set directly.
 */
public record Counter(Common common, double initialValue, double step, double min, double max) implements Helper {
    public static final String INCREMENT = "increment", DECREMENT = "decrement", RESET = "reset";

    public Counter {
        if (!(step > 0) || min > max || initialValue < min || initialValue > max) {
            throw new IllegalArgumentException("need step > 0 and min <= initial <= max");
        }
    }

    @Override
    public Map<String, AttributeSpec> attributes() {
        return Map.of(STATE, AttributeSpec.number(STATE, "", min, max).settable(),
                ACTION, AttributeSpec.options(ACTION, INCREMENT, DECREMENT, RESET).writeOnly());
    }

    @Override
    public Map<String, Value> initial() {
        return Map.of(STATE, Value.of(initialValue));
    }

    @Override
    public String type() {
        return "counter";
    }

    @Override
    public Map<String, Value> apply(Map<String, Value> command, DeviceState current, Instant now) {
        Helper.onlyKnown(this, command);
        if (command.containsKey(STATE) == command.containsKey(ACTION)) {
            throw new Refused(id() + ": set either 'state' or 'action' (increment, decrement, reset)");
        }
        if (command.containsKey(STATE)) return Map.of(STATE, Helper.accepted(this, command, STATE));
        double count = current.value(STATE).map(v -> ((Value.Number) v).value()).orElse(initialValue);
        double next = switch (Helper.accepted(this, command, ACTION).toString()) {
            case INCREMENT -> Math.min(max, count + step);
            case DECREMENT -> Math.max(min, count - step);
            default -> initialValue;
        };
        return Map.of(STATE, Value.of(next));
    }
}
