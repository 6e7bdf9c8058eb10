package dev.hearth.gateway.discovery.zigbee2mqtt;

import dev.hearth.gateway.device.Access;
import dev.hearth.gateway.device.AttributeMapping;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.LightCommands;
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
 * min/max, step and unit, enum, text, composite (colour as {@code color: {x, y}}), a button's {@code action} as an
 * event; the access bits ({@link Access}) say whether the device publishes it, whether it can be set, read on request.
 * The specific groups (light, switch, climate, cover, lock, fan) contribute their features and name the kind the
 * dashboard shows. See https://www.zigbee2mqtt.io/guide/usage/exposes.html.
 */
final class Exposes {
    private static final int PUBLISHED = 1;
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
        DeviceKind kind = kind(groups, attributes);
        // A light takes the words people use (colour as xy/hs/rgb, Kelvin, transition, steps), within its own ranges.
        if (kind == DeviceKind.LIGHT) LightCommands.wordsFor(attributes).forEach(w -> attributes.putIfAbsent(w.name(), w));
        return new Read(attributes, kind);
    }

    private static void collect(Object expose, Map<String, AttributeSpec> into, Set<String> groups) {
        if (!(expose instanceof Map<?, ?> m)) return;
        String type = text(m, "type").orElse("");
        if (GROUPS.contains(type)) {
            groups.add(type);
            if (m.get("features") instanceof List<?> features) features.forEach(f -> collect(f, into, groups));
            return;
        }
        attribute(type, m).ifPresent(a -> into.merge(a.name(), a, Exposes::sameProperty));
    }

    /** Two exposes of one property: colour as xy and as hue/saturation are one {@code color} with both pairs. */
    private static AttributeSpec sameProperty(AttributeSpec first, AttributeSpec second) {
        if (first.type() != ValueType.COMPOSITE || second.type() != ValueType.COMPOSITE) return first;
        List<AttributeSpec> members = new ArrayList<>(first.members());
        second.members().stream().filter(m -> first.member(m.name()).isEmpty()).forEach(members::add);
        return new AttributeSpec(first.name(), ValueType.COMPOSITE, "", first.access(), first.min(), first.max(), 0,
                List.of(), members, first.mapping());
    }

    /** One exposed value; empty for what has no value of its own here (list values). */
    private static Optional<AttributeSpec> attribute(String type, Map<?, ?> m) {
        Optional<String> property = text(m, "property").or(() -> text(m, "name"));
        Optional<Access> access = Access.fromBits(m.get("access") instanceof Number n ? n.intValue() : PUBLISHED)
                .map(a -> setting(m) ? new Access(a.published(), a.settable(), false) : a);
        if (property.isEmpty() || access.isEmpty()) return Optional.empty();
        String name = property.get();
        String unit = text(m, "unit").orElse("");
        double min = m.get("value_min") instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
        double max = m.get("value_max") instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY;
        double step = m.get("value_step") instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : 0;
        return switch (type) {
            case "binary" -> binary(m).map(options -> spec(name, options.isEmpty() ? ValueType.BOOLEAN : ValueType.ENUM, "",
                    access.get(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, options, List.of()));
            case "numeric" -> min <= max ? Optional.of(spec(name, ValueType.NUMBER, unit, access.get(), min, max, step, List.of(), List.of()))
                    : Optional.empty();
            case "enum" -> values(m).map(options -> spec(name, event(name, access.get()) ? ValueType.EVENT : ValueType.ENUM, "",
                    access.get(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, options, List.of()));
            case "text" -> Optional.of(spec(name, event(name, access.get()) ? ValueType.EVENT : ValueType.TEXT, "", access.get(),
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, List.of(), List.of()));
            case "composite" -> composite(name, access.get(), m);
            default -> Optional.empty();
        };
    }

    /** A button's or remote's {@code action}: published only, each report an occurrence, not state. */
    /**
     * A setting or a diagnostic (Zigbee2MQTT's {@code category} config or diagnostic: power-on behaviour, indicator
     * mode): never read on request, as a discovered device is asked only for its state (each read is Zigbee traffic).
     */
    private static boolean setting(Map<?, ?> m) {
        return m.get("category") instanceof String c && (c.equals("config") || c.equals("diagnostic"));
    }

    private static boolean event(String name, Access access) {
        return name.equals("action") && !access.settable();
    }

    /** A composite such as {@code color_xy} (property {@code color}, features x and y): its numeric features are its members. */
    private static Optional<AttributeSpec> composite(String name, Access access, Map<?, ?> m) {
        if (!(m.get("features") instanceof List<?> features)) return Optional.empty();
        List<AttributeSpec> members = new ArrayList<>();
        for (Object f : features) {
            if (!(f instanceof Map<?, ?> feature) || !"numeric".equals(text(feature, "type").orElse(""))) continue;
            Optional<String> member = text(feature, "property").or(() -> text(feature, "name"));
            double min = feature.get("value_min") instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
            double max = feature.get("value_max") instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY;
            member.filter(x -> min <= max).ifPresent(x -> members.add(AttributeSpec.number(x, text(feature, "unit").orElse(""), min, max)));
        }
        if (members.isEmpty()) return Optional.empty();
        return Optional.of(spec(name, ValueType.COMPOSITE, "", access, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0,
                List.of(), members));
    }

    private static AttributeSpec spec(String name, ValueType type, String unit, Access access, double min, double max, double step,
                                      List<String> options, List<AttributeSpec> members) {
        return new AttributeSpec(name, type, unit, access, min, max, step, options, members, AttributeMapping.NONE);
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

    private static DeviceKind kind(Set<String> groups, Map<String, AttributeSpec> attributes) {
        if (groups.contains("light")) return DeviceKind.LIGHT;
        if (groups.contains("climate")) return DeviceKind.THERMOSTAT;
        if (groups.contains("switch")) return DeviceKind.SWITCH;
        if (attributes.containsKey("occupancy")) return DeviceKind.MOTION_SENSOR;
        if (attributes.containsKey("contact")) return DeviceKind.CONTACT_SENSOR;
        if (attributes.containsKey("temperature")) return DeviceKind.TEMPERATURE_SENSOR;
        if (attributes.containsKey("illuminance")) return DeviceKind.ILLUMINANCE_SENSOR;
        if (attributes.values().stream().anyMatch(a -> a.type() == ValueType.EVENT)) return DeviceKind.BUTTON;
        return DeviceKind.GENERIC;
    }

    static Optional<String> text(Map<?, ?> m, String key) {
        return m.get(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
