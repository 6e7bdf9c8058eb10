package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.device.ValueType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command as JSON writes it, {@code {"set": {"state": "ON", "brightness": 200}}}, read into typed values: the one
 * reading shared by the HTTP API and the uplink's remote commands. Scalars pass as they are (the core checks them
 * against the device); an object or a list is a composite, read by the attribute it is for.
 */
public final class CommandBody {
    /** What is wrong with a body, in words for whoever sent it. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    private CommandBody() {
    }

    /** The attribute values of a decoded JSON body (nested objects as {@code Map}s, arrays as {@code List}s). */
    public static Map<String, Value> values(DeviceSpec spec, Map<String, ?> body) {
        Object set = body.get("set");
        if (!(set instanceof Map<?, ?> attributes) || attributes.isEmpty()) {
            throw new Invalid("the body must be {\"set\": {\"attribute\": value, …}} with at least one attribute");
        }
        Map<String, Value> values = new LinkedHashMap<>();
        attributes.forEach((name, raw) -> values.put(String.valueOf(name), value(spec, String.valueOf(name), raw)));
        return values;
    }

    private static Value value(DeviceSpec spec, String attribute, Object raw) {
        if (raw instanceof Boolean b) return Value.of(b);
        if (raw instanceof Number n && Double.isFinite(n.doubleValue())) return Value.of(n.doubleValue());
        if (raw instanceof String s) return Value.of(s);
        Object plain = raw instanceof Map<?, ?> || raw instanceof List<?> ? raw : null;
        Optional<AttributeSpec> a = spec.attribute(attribute).filter(s -> s.type() == ValueType.COMPOSITE);
        if (plain == null || a.isEmpty()) throw new Invalid("'" + attribute + "' must be a boolean, a number or a string"
                + (plain == null ? " (or an object for a composite such as a colour)" : ""));
        return a.get().accept(plain).orElseThrow(() -> new Invalid(
                spec.id() + "." + attribute + " must be " + a.get().expectation() + ", got " + raw));
    }
}
