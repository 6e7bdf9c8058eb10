package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads devices.yaml, reporting every problem with its position: {@code devices}, the devices written by hand, and
 * {@code overrides}, keyed by the id of a discovered device, what the user says about it (name, room, kind, hidden).
 */
public final class DevicesFileReader {
    private final Map<String, Node> seenIds = new HashMap<>();
    private final Map<String, String> seenTopics = new HashMap<>();

    /** The hand-written devices and the overrides of discovered ones. */
    public record DevicesFile(List<DeviceSpec> devices, List<DeviceOverride> overrides) {
        public static final DevicesFile EMPTY = new DevicesFile(List.of(), List.of());

        public DevicesFile {
            devices = List.copyOf(devices);
            overrides = List.copyOf(overrides);
        }
    }

    public DevicesFile read(String file, Node root, Problems problems) {
        Optional<YamlMap> top = YamlMap.of(file, root, problems, "devices.yaml");
        if (top.isEmpty()) return DevicesFile.EMPTY;
        List<DeviceSpec> devices = new ArrayList<>();
        List<DeviceOverride> overrides = new ArrayList<>();
        for (YamlMap d : top.get().listOfMaps("devices")) device(d).ifPresent(devices::add);
        top.get().map("overrides").ifPresent(o -> {
            for (String id : o.keys()) o.map(id).flatMap(m -> override(o, id, m)).ifPresent(overrides::add);
        });
        top.get().finish();
        return new DevicesFile(devices, overrides);
    }

    /** What the user says about a discovered device (written under its id, which discovery gives it). */
    private Optional<DeviceOverride> override(YamlMap overrides, String id, YamlMap d) {
        Optional<String> name = d.text("name");
        Optional<String> room = d.text("room");
        Optional<DeviceKind> kind = d.choice("kind", DeviceKind::byName, DeviceKind.names());
        boolean hidden = d.flag("hidden", false);
        d.finish();
        if (!DeviceId.isValid(id)) {
            overrides.problemAtKey(id, "device id '" + id + "' must be 1-64 lower-case letters, digits or underscores");
            return Optional.empty();
        }
        return Optional.of(new DeviceOverride(new DeviceId(id), name, room, kind, hidden));
    }

    private Optional<DeviceSpec> device(YamlMap d) {
        Optional<DeviceId> id = d.requiredText("id").flatMap(text -> deviceId(d, text));
        Optional<DeviceKind> kind = d.choice("kind", DeviceKind::byName, DeviceKind.names());
        if (!d.has("kind")) d.missing("kind");
        PayloadFormat format = d.choice("format", PayloadFormat::byName, PayloadFormat.names()).orElse(PayloadFormat.JSON);
        Optional<String> stateTopic = d.requiredText("state_topic").filter(t -> topicOk(d, "state_topic", t));
        String name = d.text("name", id.map(DeviceId::value).orElse(""));
        String room = d.text("room", "");
        Map<String, AttributeSpec> attributes = new LinkedHashMap<>(kind.map(DeviceKind::attributes).orElse(Map.of()));
        d.map("attributes").ifPresent(a -> extraAttributes(a, attributes));
        Optional<String> commandTopic = d.text("command_topic").filter(t -> topicOk(d, "command_topic", t));
        if (d.flag("command_retain", false)) {
            d.problemAtKey("command_retain", "commands are never published retained: a retained command replays "
                    + "on every reconnect and switches the device by itself");
        }
        Optional<String> availability = d.text("availability_topic").filter(t -> topicOk(d, "availability_topic", t));
        d.finish();
        if (id.isEmpty() || kind.isEmpty() || stateTopic.isEmpty()) return Optional.empty();
        Optional<String> command = commandTopic(d, kind.get(), format, stateTopic.get(), commandTopic, attributes);
        String availabilityTopic = availability.orElse(format == PayloadFormat.JSON
                ? stateTopic.get() + "/availability" : stateTopic.get() + "/$state");
        DeviceSpec spec = new DeviceSpec(id.get(), name, room, kind.get(), format, stateTopic.get(), command,
                availabilityTopic, attributes);
        checkTopicsUnique(d, spec);
        return Optional.of(spec);
    }

    private Optional<DeviceId> deviceId(YamlMap d, String text) {
        if (!DeviceId.isValid(text)) {
            d.problemAtKey("id", "device id '" + text + "' must be 1-64 lower-case letters, digits or underscores");
            return Optional.empty();
        }
        Node previous = seenIds.putIfAbsent(text, d.keyNode("id"));
        if (previous != null) {
            d.problemAtKey("id", "duplicate device id '" + text + "' (first defined at line "
                    + (previous.getStartMark().map(m -> m.getLine() + 1).orElse(0)) + ")");
            return Optional.empty();
        }
        return Optional.of(new DeviceId(text));
    }

    private static Optional<String> commandTopic(YamlMap d, DeviceKind kind, PayloadFormat format, String stateTopic,
                                                 Optional<String> given, Map<String, AttributeSpec> attributes) {
        boolean writable = DeviceSpec.hasWritable(attributes);
        if (!writable) {
            given.ifPresent(t -> d.problemAtKey("command_topic", "a " + kind.yamlName()
                    + " has only read-only attributes, so it cannot take commands; remove command_topic"));
            return Optional.empty();
        }
        if (format == PayloadFormat.JSON) return Optional.of(given.orElse(stateTopic + "/set"));
        String pattern = given.orElse(stateTopic + "/" + DeviceSpec.ATTRIBUTE_PLACEHOLDER + "/set");
        if (!pattern.contains(DeviceSpec.ATTRIBUTE_PLACEHOLDER)) {
            d.problemAtKey("command_topic", "a value_per_topic command_topic must contain "
                    + DeviceSpec.ATTRIBUTE_PLACEHOLDER + ", for example cmnd/plug/{attribute}");
            return Optional.empty();
        }
        return Optional.of(pattern);
    }

    private static void extraAttributes(YamlMap attrs, Map<String, AttributeSpec> into) {
        for (String name : attrs.keys()) {
            attrs.map(name).ifPresent(a -> {
                ValueType type = a.choice("type", ValueType::byName, ValueType.names()).orElse(ValueType.TEXT);
                if (!a.has("type")) a.missing("type");
                String unit = a.text("unit", "");
                double min = a.number("min").orElse(Double.NEGATIVE_INFINITY);
                double max = a.number("max").orElse(Double.POSITIVE_INFINITY);
                List<String> options = a.listOfText("options");
                boolean writable = a.flag("writable", false);
                boolean reported = a.flag("reported", true);
                a.finish();
                if (type == ValueType.ENUM && options.isEmpty()) {
                    a.problem(a.node(), "attribute '" + name + "' of type enum needs options");
                } else if (min > max) {
                    a.problemAtKey("min", "min must not exceed max");
                } else if (!reported && !writable) {
                    a.problemAtKey("reported", "attribute '" + name + "' is neither reported nor writable");
                } else {
                    into.put(name, new AttributeSpec(name, type, unit, writable, reported, min, max, options));
                }
            });
        }
    }

    private void checkTopicsUnique(YamlMap d, DeviceSpec spec) {
        List<String> topics = new ArrayList<>();
        topics.add(spec.format() == PayloadFormat.JSON ? spec.stateTopic() : spec.stateTopic() + "/#");
        topics.add(spec.availabilityTopic());
        for (String t : topics) {
            String owner = seenTopics.putIfAbsent(t, spec.id().value());
            if (owner != null && !owner.equals(spec.id().value())) {
                d.problemAtKey("state_topic", "topic '" + t + "' is already used by device " + owner);
            }
        }
    }

    private static boolean topicOk(YamlMap d, String key, String topic) {
        String t = topic.replace(DeviceSpec.ATTRIBUTE_PLACEHOLDER, "x");
        if (t.isBlank() || t.contains("+") || t.contains("#") || t.startsWith("$")) {
            d.problemAtKey(key, "'" + key + "' must be a concrete topic without wildcards (+, #) or a leading $");
            return false;
        }
        return true;
    }
}
