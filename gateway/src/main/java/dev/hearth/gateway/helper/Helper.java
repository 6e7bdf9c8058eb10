package dev.hearth.gateway.helper;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.Value;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A value Hearth keeps itself (Home Assistant's {@code input_*}, timer and counter; openHAB's virtual items), from
 * {@code helpers.yaml}. It lives in the device registry as an entry of kind {@code helper}: its main attribute is
 * {@code state}, it is set by commands like a device, and a command is applied at once, with no echo to wait for.
 */
public sealed interface Helper permits Helper.Toggle, Helper.NumberInput, Helper.Select, Helper.TextInput, Timer, Counter {
    /** The main attribute of every helper. */
    String STATE = "state";
    /** The write-only attribute that starts, pauses or cancels a timer and steps a counter. */
    String ACTION = "action";

    Common common();

    /** What the helper is to the registry, the automations and the dashboard. */
    Map<String, AttributeSpec> attributes();

    /** Its values on the very first start, before anything was saved. */
    Map<String, Value> initial();

    /**
     * The attribute values a command leads to, from the helper's current state; a {@link Refused} says why it cannot
     * take it. Values are typed as the API or an expression gave them, not yet checked.
     */
    Map<String, Value> apply(Map<String, Value> command, DeviceState current, Instant now);

    /** Type name in helpers.yaml. */
    String type();

    default DeviceId id() {
        return common().id();
    }

    default DeviceSpec spec() {
        return DeviceSpec.local(common().id(), common().name(), common().room(), DeviceKind.HELPER, attributes());
    }

    /** What every helper has: id, display name and room. */
    record Common(DeviceId id, String name, String room) {
        public Common {
            Objects.requireNonNull(id, "id");
            name = name == null || name.isEmpty() ? id.value() : name;
            room = room == null ? "" : room;
        }
    }

    /** A command the helper cannot take. */
    final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    /** An on/off switch ({@code input_boolean}). */
    record Toggle(Common common, boolean initialValue) implements Helper {
        @Override
        public Map<String, AttributeSpec> attributes() {
            return Map.of(STATE, AttributeSpec.bool(STATE).settable());
        }

        @Override
        public Map<String, Value> initial() {
            return Map.of(STATE, Value.of(initialValue));
        }

        @Override
        public Map<String, Value> apply(Map<String, Value> command, DeviceState current, Instant now) {
            return Map.of(STATE, accepted(this, command, STATE));
        }

        @Override
        public String type() {
            return "boolean";
        }
    }

    /** A number within a range, on a grid of {@code step} from {@code min} ({@code input_number}). */
    record NumberInput(Common common, String unit, double min, double max, double step, double initialValue) implements Helper {
        public NumberInput {
            if (!(min < max) || !(step > 0)) throw new IllegalArgumentException("need min < max and step > 0");
        }

        @Override
        public Map<String, AttributeSpec> attributes() {
            return Map.of(STATE, AttributeSpec.number(STATE, unit, min, max).settable());
        }

        @Override
        public Map<String, Value> initial() {
            return Map.of(STATE, Value.of(initialValue));
        }

        @Override
        public Map<String, Value> apply(Map<String, Value> command, DeviceState current, Instant now) {
            double v = ((Value.Number) accepted(this, command, STATE)).value();
            return Map.of(STATE, Value.of(onGrid(v, min, step, STATE)));
        }

        @Override
        public String type() {
            return "number";
        }
    }

    /** One of a list of options ({@code input_select}). */
    record Select(Common common, List<String> options, String initialValue) implements Helper {
        public Select {
            options = List.copyOf(options);
            if (options.isEmpty()) throw new IllegalArgumentException("a select needs options");
        }

        @Override
        public Map<String, AttributeSpec> attributes() {
            return Map.of(STATE, AttributeSpec.options(STATE, options.toArray(String[]::new)).settable());
        }

        @Override
        public Map<String, Value> initial() {
            return Map.of(STATE, Value.of(initialValue));
        }

        @Override
        public Map<String, Value> apply(Map<String, Value> command, DeviceState current, Instant now) {
            return Map.of(STATE, accepted(this, command, STATE));
        }

        @Override
        public String type() {
            return "select";
        }
    }

    /** Free text, of bounded length, optionally matching a pattern ({@code input_text}). */
    record TextInput(Common common, int minLength, int maxLength, Optional<Pattern> pattern, String initialValue) implements Helper {
        @Override
        public Map<String, AttributeSpec> attributes() {
            return Map.of(STATE, AttributeSpec.text(STATE).settable());
        }

        @Override
        public Map<String, Value> initial() {
            return Map.of(STATE, Value.of(initialValue));
        }

        @Override
        public Map<String, Value> apply(Map<String, Value> command, DeviceState current, Instant now) {
            String text = accepted(this, command, STATE).toString();
            if (text.length() < minLength || text.length() > maxLength) {
                throw new Refused(id() + ": text must be " + minLength + " to " + maxLength + " characters long, got " + text.length());
            }
            if (pattern.isPresent() && !pattern.get().matcher(text).matches()) {
                throw new Refused(id() + ": '" + text + "' does not match the pattern " + pattern.get().pattern());
            }
            return Map.of(STATE, Value.of(text));
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /** The one attribute a command must set, accepted by its spec; refused if anything else is named. */
    static Value accepted(Helper helper, Map<String, Value> command, String attribute) {
        onlyKnown(helper, command);
        Value given = command.get(attribute);
        if (given == null) throw new Refused(helper.id() + ": set '" + attribute + "'");
        AttributeSpec spec = helper.attributes().get(attribute);
        return spec.accept(given.plain()).orElseThrow(() -> new Refused(helper.id() + ": '" + attribute + "' must be "
                + spec.expectation() + ", got '" + given + "'"));
    }

    /** Refuses a command naming an attribute the helper does not have or that cannot be set. */
    static void onlyKnown(Helper helper, Map<String, Value> command) {
        for (String name : command.keySet()) {
            AttributeSpec spec = helper.attributes().get(name);
            if (spec == null || !spec.writable()) {
                List<String> writable = helper.attributes().values().stream().filter(AttributeSpec::writable)
                        .map(AttributeSpec::name).sorted().toList();
                throw new Refused(helper.id() + " (a " + helper.type() + " helper) cannot set '" + name + "'; it takes "
                        + String.join(", ", writable));
            }
        }
    }

    /** {@code v} if it lies on the grid {@code from + k * step} (within rounding), else refused. */
    static double onGrid(double v, double from, double step, String attribute) {
        double steps = (v - from) / step;
        if (Math.abs(steps - Math.rint(steps)) > 1e-6) {
            throw new Refused("'" + attribute + "' must be " + Value.of(from) + " plus a multiple of " + Value.of(step) + ", got " + Value.of(v));
        }
        return from + Math.rint(steps) * step;
    }
}
