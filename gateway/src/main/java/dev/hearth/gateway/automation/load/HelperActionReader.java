package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code set_helper: {helper: guest_mode, value: true}}, {@code {helper: tea, action: start, duration: 4m}},
 * {@code {helper: visitors, action: increment}}: a command to a helper, checked against it at load. It sets the
 * helper's {@code state}, {@code action} and {@code duration} attributes, as the API's command does.
 */
final class HelperActionReader {
    private static final String STATE = "state", ACTION = "action", DURATION = "duration";

    private final PartReader parts;

    HelperActionReader(PartReader parts) {
        this.parts = parts;
    }

    Optional<Action> read(YamlMap h) {
        Optional<DeviceSpec> helper = helper(h);
        boolean value = h.has("value"), action = h.has("action"), duration = h.has(DURATION);
        if (value == action && !(duration && !value)) {
            h.problem(h.node(), "'set_helper' needs exactly one of 'value' or 'action'");
            h.finish();
            return Optional.empty();
        }
        if (helper.isEmpty()) {
            h.finish();
            return Optional.empty();
        }
        DeviceSpec spec = helper.get();
        Map<String, Template> set = new LinkedHashMap<>();
        boolean ok = true;
        if (value) ok &= put(set, STATE, writable(h, spec, "value", STATE).flatMap(a -> parts.valueOrExpression(h, "value", a)));
        if (action) ok &= put(set, ACTION, writable(h, spec, ACTION, ACTION).flatMap(a -> parts.value(h, ACTION, a)).map(Template::of));
        if (duration) ok &= put(set, DURATION, writable(h, spec, DURATION, DURATION).flatMap(a -> seconds(h, a)));
        h.finish();
        return ok ? Optional.of(new Action.Command(spec.id(), set)) : Optional.empty();
    }

    private Optional<DeviceSpec> helper(YamlMap h) {
        Optional<String> id = h.requiredText("helper");
        if (id.isEmpty()) return Optional.empty();
        DeviceSpec d = parts.devices.all().get(id.get());
        if (d == null) {
            List<String> helpers = parts.devices.all().values().stream().filter(x -> x.kind() == DeviceKind.HELPER)
                    .map(x -> x.id().value()).toList();
            h.problemAtValue("helper", "unknown helper '" + id.get() + "'" + Suggestions.didYouMean(id.get(), helpers));
            return Optional.empty();
        }
        return Optional.of(d).filter(x -> isHelper(h, x));
    }

    private static boolean put(Map<String, Template> set, String attribute, Optional<Template> value) {
        value.ifPresent(v -> set.put(attribute, v));
        return value.isPresent();
    }

    private static boolean isHelper(YamlMap h, DeviceSpec d) {
        if (d.kind() == DeviceKind.HELPER) return true;
        h.problemAtValue("helper", d.id() + " is a " + d.kind().yamlName() + ", not a helper; use 'command' for devices");
        return false;
    }

    /** The helper's attribute behind {@code key}, if this kind of helper has it. */
    private static Optional<AttributeSpec> writable(YamlMap h, DeviceSpec helper, String key, String attribute) {
        Optional<AttributeSpec> a = helper.attribute(attribute).filter(AttributeSpec::writable);
        if (a.isEmpty()) {
            h.problemAtKey(key, helper.id() + " takes no '" + key + "'" + (key.equals("value") ? " (it is a timer: use 'action')"
                    : key.equals(ACTION) ? " (only timers and counters have actions: use 'value')" : " (only timers have a duration)"));
        }
        return a;
    }

    private static Optional<Template> seconds(YamlMap h, AttributeSpec spec) {
        Optional<Duration> d = h.duration(DURATION);
        Optional<Value> v = d.flatMap(x -> spec.accept(x.toMillis() / 1000.0));
        if (d.isPresent() && v.isEmpty()) h.problemAtValue(DURATION, "'duration' must be " + spec.expectation().replace("a number", "seconds"));
        return v.map(Template::of);
    }
}
