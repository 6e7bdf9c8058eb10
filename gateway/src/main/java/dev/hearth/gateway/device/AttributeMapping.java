package dev.hearth.gateway.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one attribute is carried when the device's format does not say it by itself (devices.yaml's {@code source},
 * {@code topic}, {@code values}, {@code scale} and {@code command}, or a discovery document's state topic, value
 * template and command template):
 * <ul>
 * <li>{@code source}: where in the payload the value sits, a path of field names ({@code ENERGY.Power} is
 * {@code [ENERGY, Power]}); empty: the format's own place for an attribute of this name;</li>
 * <li>{@code topic}: the topic the value comes on, instead of the format's; with it, an empty source means the
 * whole payload is the value;</li>
 * <li>{@code values}: payload value → attribute value ({@code "true" → "ON"}), used backwards for commands; values
 * not listed pass unchanged;</li>
 * <li>{@code scale}: attribute value = payload number × scale (Shelly's Wh as kWh: 0.001);</li>
 * <li>{@code command}: the topic and payload that set it, instead of the format's command.</li>
 * </ul>
 */
public record AttributeMapping(List<String> source, Optional<String> topic, Map<String, String> values, double scale,
                               Optional<CommandTemplate> command, Optional<Transform> transform) {
    public static final AttributeMapping NONE = new AttributeMapping(List.of(), Optional.empty(), Map.of(), 1, Optional.empty());
    /** What {@link #transformed} gives when the payload does not carry the value: no value, and no error either. */
    static final Object ABSENT = new Object();

    /**
     * A value computed from the payload's text before {@code values} and {@code scale} apply (Home Assistant's
     * {@code value_template}); empty when the payload does not carry it (a member it does not have).
     */
    @FunctionalInterface
    public interface Transform {
        Optional<Object> apply(String payload);
    }

    public AttributeMapping(List<String> source, Optional<String> topic, Map<String, String> values, double scale,
                            Optional<CommandTemplate> command) {
        this(source, topic, values, scale, command, Optional.empty());
    }

    /**
     * A command as a topic and a payload; {@code {value}} in the payload is replaced by the value as the device
     * spells it (after {@code values}, JSON for a composite; text is not quoted: write {@code "{value}"} in JSON).
     */
    public record CommandTemplate(String topic, String payload) {
        public static final String VALUE = "{value}";

        public CommandTemplate {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
        }

        public String payloadFor(String value) {
            return payload.replace(VALUE, value);
        }
    }

    public AttributeMapping {
        source = List.copyOf(source);
        values = Map.copyOf(values);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(transform, "transform");
        if (!(scale != 0 && Double.isFinite(scale))) throw new IllegalArgumentException("scale must be a finite non-zero number");
    }

    /** A dotted path such as {@code ENERGY.Power} as its field names. */
    public static List<String> path(String dotted) {
        return List.of(dotted.split("\\.", -1));
    }

    public AttributeMapping withSource(List<String> path) {
        return new AttributeMapping(path, topic, values, scale, command, transform);
    }

    public AttributeMapping withTopic(String stateTopic) {
        return new AttributeMapping(source, Optional.of(stateTopic), values, scale, command, transform);
    }

    public AttributeMapping withValues(Map<String, String> payloadToValue) {
        return new AttributeMapping(source, topic, payloadToValue, scale, command, transform);
    }

    public AttributeMapping withScale(double factor) {
        return new AttributeMapping(source, topic, values, factor, command, transform);
    }

    public AttributeMapping withCommand(CommandTemplate template) {
        return new AttributeMapping(source, topic, values, scale, Optional.of(template), transform);
    }

    public AttributeMapping withTransform(Transform t) {
        return new AttributeMapping(source, topic, values, scale, command, Optional.of(t));
    }

    /** The payload value through the {@link Transform}, if any; {@link #ABSENT} when it gives nothing. */
    Object transformed(Object raw) {
        if (transform.isEmpty() || raw == null) return raw;
        return transform.get().apply(raw instanceof String s ? s : String.valueOf(raw)).orElse(ABSENT);
    }

    /** Whether a payload value is used as it is: the common case, checked first on the hot path. */
    boolean isIdentity() {
        return values.isEmpty() && scale == 1;
    }

    /** The payload's value (Boolean, Number, String, Map) as the attribute sees it. */
    Object fromPayload(Object raw) {
        if (isIdentity() || raw == null) return raw;
        Object mapped = raw;
        if (!values.isEmpty()) {
            String v = values.get(raw instanceof Double d ? Value.of(d).toString() : String.valueOf(raw));
            if (v != null) mapped = v;
        }
        if (scale != 1 && mapped instanceof java.lang.Number n) return scaled(n.doubleValue());
        return mapped;
    }

    /** × scale; a scale of 1/1000 divides by 1000, so that 6.532 Wh is 0.006532 kWh, not 0.0065320000000000005. */
    private double scaled(double payload) {
        double inverse = 1 / scale;
        return inverse == Math.rint(inverse) ? payload / inverse : payload * scale;
    }

    /** The attribute's value as the device spells it in a payload: {@code values} backwards, the scale undone. */
    public String toPayload(Value value) {
        if (scale != 1 && value instanceof Value.Number n) return Value.of(n.value() / scale).toString();
        String text = value.toString();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue().equals(text)) return e.getKey();
        }
        return text;
    }

    /** Payload value → attribute value, as a mutable copy, for readers that build the map. */
    public static Map<String, String> onOff(String on, String off) {
        Map<String, String> m = new HashMap<>();
        m.put(on, "ON");
        m.put(off, "OFF");
        return m;
    }
}
