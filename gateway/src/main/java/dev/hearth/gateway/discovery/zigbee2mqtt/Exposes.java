package dev.hearth.gateway.discovery.zigbee2mqtt;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.ValueType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A device's {@code definition.exposes} as Hearth attributes, named by Zigbee2MQTT's {@code property}: binary (its
 * own on/off values: true/false stays a boolean, "ON"/"OFF" or "LOCK"/"UNLOCK" become the two options), numeric with
 * min/max and unit, enum, text; the access bits say whether the device publishes it (1) and whether it can be set (2).
 * The specific groups (light, switch, climate, cover, lock, fan) contribute their features and name the kind the
 * dashboard shows. See https://www.zigbee2mqtt.io/guide/usage/exposes.html.
 */
final class Exposes {
    private static final int PUBLISHED = 1;
    private static final int SETTABLE = 2;
    private static final Set<String> GROUPS = Set.of("light", "switch", "climate", "cover", "lock", "fan");

    /** The attributes, in the order exposed, and the kind they suggest. */
    record Read(Map<String, AttributeSpec> attributes, DeviceKind kind) {
    }

    private Exposes() {
    }

    static Read read(List<?> exposes) {
        Map<String, AttributeSpec> attributes = new LinkedHashMap<>();
        Set<String> groups = new HashSet<>();
        for (Object e : exposes) collect(e, attributes, groups);
        return new Read(attributes, kind(groups, attributes.keySet()));
    }

    private static void collect(Object expose, Map<String, AttributeSpec> into, Set<String> groups) {
        if (!(expose instanceof Map<?, ?> m)) return;
        String type = text(m, "type").orElse("");
        if (GROUPS.contains(type)) {
            groups.add(type);
            if (m.get("features") instanceof List<?> features) features.forEach(f -> collect(f, into, groups));
            return;
        }
        attribute(type, m).ifPresent(a -> into.putIfAbsent(a.name(), a));
    }

    /** One exposed value; empty for what has no value of its own here (composite and list values, for now). */
    private static Optional<AttributeSpec> attribute(String type, Map<?, ?> m) {
        Optional<String> property = text(m, "property").or(() -> text(m, "name"));
        int access = m.get("access") instanceof Number n ? n.intValue() : PUBLISHED;
        boolean published = (access & PUBLISHED) != 0;
        boolean settable = (access & SETTABLE) != 0;
        if (property.isEmpty() || (!published && !settable)) return Optional.empty();
        String name = property.get();
        String unit = text(m, "unit").orElse("");
        double min = m.get("value_min") instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
        double max = m.get("value_max") instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY;
        return switch (type) {
            case "binary" -> binary(m).map(options -> options.isEmpty()
                    ? new AttributeSpec(name, ValueType.BOOLEAN, "", settable, published, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of())
                    : new AttributeSpec(name, ValueType.ENUM, "", settable, published, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, options));
            case "numeric" -> min <= max
                    ? Optional.of(new AttributeSpec(name, ValueType.NUMBER, unit, settable, published, min, max, List.of()))
                    : Optional.empty();
            case "enum" -> values(m).map(options -> new AttributeSpec(name, ValueType.ENUM, "", settable, published,
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, options));
            case "text" -> Optional.of(new AttributeSpec(name, ValueType.TEXT, "", settable, published,
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of()));
            default -> Optional.empty();
        };
    }

    /** Empty options for a true/false binary, its two values otherwise; empty when the values are missing. */
    private static Optional<List<String>> binary(Map<?, ?> m) {
        Object on = m.get("value_on");
        Object off = m.get("value_off");
        if (on instanceof Boolean && off instanceof Boolean) return Optional.of(List.of());
        if (on == null || off == null || on.equals(off)) return Optional.empty();
        return Optional.of(List.of(String.valueOf(on), String.valueOf(off)));
    }

    private static Optional<List<String>> values(Map<?, ?> m) {
        if (!(m.get("values") instanceof List<?> values) || values.isEmpty()) return Optional.empty();
        List<String> options = new ArrayList<>();
        for (Object v : values) {
            String option = String.valueOf(v);
            if (!options.contains(option)) options.add(option);
        }
        return Optional.of(options);
    }

    private static DeviceKind kind(Set<String> groups, Set<String> attributes) {
        if (groups.contains("light")) return DeviceKind.LIGHT;
        if (groups.contains("climate")) return DeviceKind.THERMOSTAT;
        if (groups.contains("switch")) return DeviceKind.SWITCH;
        if (attributes.contains("occupancy")) return DeviceKind.MOTION_SENSOR;
        if (attributes.contains("contact")) return DeviceKind.CONTACT_SENSOR;
        if (attributes.contains("temperature")) return DeviceKind.TEMPERATURE_SENSOR;
        if (attributes.contains("illuminance")) return DeviceKind.ILLUMINANCE_SENSOR;
        return DeviceKind.GENERIC;
    }

    static Optional<String> text(Map<?, ?> m, String key) {
        return m.get(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
