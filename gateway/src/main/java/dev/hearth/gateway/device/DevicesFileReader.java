package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * Reads devices.yaml, reporting every problem with its position: {@code devices}, the devices written by hand, and
 * {@code overrides}, keyed by the id of a discovered device, what the user says about it (name, room, kind, hidden,
 * attributes: read when the device is discovered, as its format says), and
 * {@code groups}, names for several devices.
 */
public final class DevicesFileReader {
    private final Map<String, Node> seenIds = new HashMap<>();
    private final Map<String, String> seenTopics = new HashMap<>();

    /** The hand-written devices, the overrides of discovered ones, and the groups. */
    public record DevicesFile(List<DeviceSpec> devices, List<DeviceOverride> overrides, DeviceGroups groups) {
        public static final DevicesFile EMPTY = new DevicesFile(List.of(), List.of(), DeviceGroups.NONE);

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
        DeviceGroups groups = top.get().map("groups").map(this::groups).orElse(DeviceGroups.NONE);
        top.get().finish();
        return new DevicesFile(devices, overrides, groups);
    }

    /**
     * Each group's members, by id. A member need not be written here (discovery may bring it later), but a group
     * may not be named like a device, nor name a member twice.
     */
    private DeviceGroups groups(YamlMap g) {
        Map<String, List<DeviceId>> out = new LinkedHashMap<>();
        for (String name : g.keys()) {
            if (!DeviceId.isValid(name)) {
                g.problemAtKey(name, "group name '" + name + "' must be 1-64 lower-case letters, digits or underscores");
            } else if (seenIds.containsKey(name)) {
                g.problemAtKey(name, "group '" + name + "' has the name of a device; give it another");
            }
            List<DeviceId> members = new ArrayList<>();
            List<String> given = g.listOfText(name);
            for (String member : given) {
                if (!DeviceId.isValid(member)) g.problemAtValue(name, "member '" + member + "' is not a device id (lower-case letters, digits or underscores)");
                else if (members.contains(new DeviceId(member))) g.problemAtValue(name, "member '" + member + "' is named twice");
                else members.add(new DeviceId(member));
            }
            if (given.isEmpty()) g.problemAtValue(name, "a group lists its members: " + name + ": [lamp_1, lamp_2]");
            out.put(name, members);
        }
        return new DeviceGroups(out);
    }

    /** What the user says about a discovered device (written under its id, which discovery gives it). */
    private Optional<DeviceOverride> override(YamlMap overrides, String id, YamlMap d) {
        Optional<String> name = d.text("name");
        Optional<String> room = d.text("room");
        Optional<DeviceKind> kind = d.choice("kind", DeviceKind::byName, DeviceKind.names());
        boolean hidden = d.flag("hidden", false);
        Optional<DeviceOverride.Attributes> attributes = d.map("attributes").map(a -> new DeviceOverride.Attributes(a.file(), a.node()));
        d.finish();
        if (!DeviceId.isValid(id)) {
            overrides.problemAtKey(id, "device id '" + id + "' must be 1-64 lower-case letters, digits or underscores");
            return Optional.empty();
        }
        return Optional.of(new DeviceOverride(new DeviceId(id), name, room, kind, hidden, attributes));
    }

    private Optional<DeviceSpec> device(YamlMap d) {
        Optional<DeviceId> id = d.requiredText("id").flatMap(text -> deviceId(d, text));
        Optional<DeviceKind> kind = d.choice("kind", DeviceKind::byName, DeviceKind.names());
        if (!d.has("kind")) d.missing("kind");
        DeviceFormats.Kind formatKind = d.choice("format", DeviceFormats::named, DeviceFormats.NAMES).orElse(JsonFormat.KIND);
        Optional<DeviceFormat> format = formatKind.reader().read(d);
        String name = d.text("name", id.map(DeviceId::value).orElse(""));
        String room = d.text("room", "");
        Optional<String> availability = DeviceFormats.topic(d, "availability_topic");
        if (d.flag("command_retain", false)) {
            d.problemAtKey("command_retain", "commands are never published retained: a retained command replays "
                    + "on every reconnect and switches the device by itself");
        }
        Map<String, AttributeSpec> attributes = new LinkedHashMap<>();
        format.ifPresent(f -> {
            AttributeReader reader = new AttributeReader(f);
            kind.ifPresent(k -> attributes.putAll(reader.kindAttributes(k)));
            d.map("attributes").ifPresent(a -> reader.read(a, attributes));
        });
        d.finish();
        if (id.isEmpty() || kind.isEmpty() || format.isEmpty()) return Optional.empty();
        DeviceSpec spec = new DeviceSpec(id.get(), name, room, kind.get(), format.get(),
                availability.or(() -> format.get().availabilityTopic()), attributes);
        if (d.has("command_topic") && !spec.acceptsCommands()) {
            d.problemAtKey("command_topic", "a " + kind.get().yamlName()
                    + " has only read-only attributes, so it cannot take commands; remove command_topic");
            return Optional.empty();
        }
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

    /** Two devices on one topic would take each other's messages. */
    private void checkTopicsUnique(YamlMap d, DeviceSpec spec) {
        for (TopicRoutes.Route r : TopicRoutes.of(spec)) {
            String owner = seenTopics.putIfAbsent(r.topic(), spec.id().value());
            if (owner != null && !owner.equals(spec.id().value())) {
                d.problem(d.node(), "topic '" + r.topic() + "' is already used by device " + owner);
            }
        }
    }
}
