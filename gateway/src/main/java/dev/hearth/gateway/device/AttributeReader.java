package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads one device's {@code attributes:} in devices.yaml: new attributes (with a {@code type}) and changes to those of
 * its kind, with how each is carried ({@code source}, {@code topic}, {@code values}, {@code scale}, {@code command}).
 */
final class AttributeReader {
    private final DeviceFormat format;

    AttributeReader(DeviceFormat format) {
        this.format = format;
    }

    /** The kind's attributes as the format carries them; those a mapped device does not map are left out. */
    Map<String, AttributeSpec> kindAttributes(DeviceKind kind) {
        Map<String, AttributeSpec> out = new LinkedHashMap<>();
        for (AttributeSpec a : kind.attributes().values()) {
            if (format instanceof MappedFormat) continue;
            format.shortcut(a).map(this::settableOnlyIfCommandable).ifPresent(s -> out.put(s.name(), s));
        }
        return out;
    }

    /** A kind's attribute that the format cannot write (a sensor value among Tasmota's) is read-only there. */
    private AttributeSpec settableOnlyIfCommandable(AttributeSpec a) {
        if (!a.writable() || format.commands(a)) return a;
        return a.reported() ? a.withAccess(Access.PUBLISHED) : a;
    }

    void read(YamlMap attrs, Map<String, AttributeSpec> into) {
        for (String name : attrs.keys()) {
            attrs.map(name).flatMap(a -> attribute(a, name, into.get(name))).ifPresent(spec -> into.put(name, spec));
        }
    }

    private Optional<AttributeSpec> attribute(YamlMap a, String name, AttributeSpec known) {
        Optional<ValueType> type = a.choice("type", ValueType::byName, ValueType.names());
        if (known == null && !a.has("type")) a.missing("type");
        ValueType t = type.orElse(known == null ? ValueType.TEXT : known.type());
        String unit = a.text("unit", known == null ? "" : known.unit());
        double min = a.number("min").orElse(known == null ? Double.NEGATIVE_INFINITY : known.min());
        double max = a.number("max").orElse(known == null ? Double.POSITIVE_INFINITY : known.max());
        double step = a.number("step").orElse(known == null ? 0 : known.step());
        List<String> options = a.has("options") ? a.listOfText("options") : known == null ? List.of() : known.options();
        List<AttributeSpec> members = a.has("members") ? a.map("members").map(this::members).orElse(List.of())
                : known == null ? List.of() : known.members();
        boolean writable = a.flag("writable", known != null && known.writable());
        boolean reported = a.flag("reported", known == null || known.reported());
        AttributeMapping mapping = mapping(a, known == null ? AttributeMapping.NONE : known.mapping());
        a.finish();
        Optional<String> why = problem(name, t, writable, reported, min, max, step, options, members);
        if (why.isPresent()) {
            a.problem(a.node(), why.get());
            return Optional.empty();
        }
        AttributeSpec written = new AttributeSpec(name, t, unit, new Access(reported, writable, false), min, max, step, options,
                members, mapping);
        AttributeSpec spec = known == null && mapping.equals(AttributeMapping.NONE) ? format.declared(written) : written;
        if (writable && mapping.command().isEmpty() && !format.commands(spec)) {
            a.problem(a.node(), "attribute '" + name + "' is writable, but a " + format.yamlName() + " device cannot set it by "
                    + "itself: give it a command: {topic: …, payload: …}, or writable: false");
            return Optional.empty();
        }
        if (format instanceof MappedFormat && reported && mapping.topic().isEmpty()) {
            a.problem(a.node(), "attribute '" + name + "' of a mapped device needs the topic it is reported on (topic: …), "
                    + "or reported: false");
            return Optional.empty();
        }
        return Optional.of(spec);
    }

    private static Optional<String> problem(String name, ValueType t, boolean writable, boolean reported, double min, double max,
                                            double step, List<String> options, List<AttributeSpec> members) {
        if (t == ValueType.ENUM && options.isEmpty()) return Optional.of("attribute '" + name + "' of type enum needs options");
        if (min > max) return Optional.of("attribute '" + name + "': min must not exceed max");
        if (step < 0) return Optional.of("attribute '" + name + "': step must not be negative");
        if (!reported && !writable) return Optional.of("attribute '" + name + "' is neither reported nor writable");
        if (t == ValueType.EVENT && writable) return Optional.of("attribute '" + name + "' is an event: it cannot be writable");
        if (t != ValueType.COMPOSITE && !members.isEmpty()) return Optional.of("attribute '" + name + "': only a composite has members");
        return Optional.empty();
    }

    /** A composite's members: scalar attributes by name ({@code x: {type: number, min: 0, max: 1}}). */
    private List<AttributeSpec> members(YamlMap m) {
        List<AttributeSpec> out = new ArrayList<>();
        for (String name : m.keys()) {
            m.map(name).ifPresent(member -> {
                ValueType t = member.choice("type", ValueType::byName, List.of("boolean", "number", "enum", "text"))
                        .filter(x -> x != ValueType.COMPOSITE && x != ValueType.EVENT).orElse(ValueType.NUMBER);
                OptionalDouble min = member.number("min");
                OptionalDouble max = member.number("max");
                List<String> options = member.listOfText("options");
                member.finish();
                if (t == ValueType.ENUM && options.isEmpty()) member.problem(member.node(), "member '" + name + "' of type enum needs options");
                else out.add(new AttributeSpec(name, t, "", Access.READ_WRITE, min.orElse(Double.NEGATIVE_INFINITY),
                        max.orElse(Double.POSITIVE_INFINITY), 0, options, List.of(), AttributeMapping.NONE));
            });
        }
        return out;
    }

    private static AttributeMapping mapping(YamlMap a, AttributeMapping base) {
        AttributeMapping m = base;
        Optional<String> source = a.text("source");
        if (source.isPresent()) {
            if (source.get().isBlank() || AttributeMapping.path(source.get()).contains("")) {
                a.problemAtValue("source", "'source' must be a field name or a dotted path such as ENERGY.Power");
            } else m = m.withSource(AttributeMapping.path(source.get()));
        }
        Optional<String> topic = DeviceFormats.topic(a, "topic");
        if (topic.isPresent()) m = m.withTopic(topic.get());
        Optional<YamlMap> values = a.map("values");
        if (values.isPresent()) m = m.withValues(values(values.get()));
        OptionalDouble scale = a.number("scale");
        if (scale.isPresent() && (scale.getAsDouble() == 0 || !Double.isFinite(scale.getAsDouble()))) {
            a.problemAtValue("scale", "'scale' must be a number other than 0");
        } else if (scale.isPresent()) m = m.withScale(scale.getAsDouble());
        Optional<YamlMap> command = a.map("command");
        if (command.isPresent()) {
            Optional<String> commandTopic = DeviceFormats.requiredTopic(command.get(), "topic");
            String payload = command.get().text("payload", AttributeMapping.CommandTemplate.VALUE);
            command.get().finish();
            if (commandTopic.isPresent()) m = m.withCommand(new AttributeMapping.CommandTemplate(commandTopic.get(), payload));
        }
        return m;
    }

    /** Payload value → attribute value: {@code values: {"true": "ON", "false": "OFF"}}. */
    private static Map<String, String> values(YamlMap v) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String payload : v.keys()) v.text(payload).ifPresent(value -> out.put(payload, value));
        v.finish();
        return out;
    }
}
