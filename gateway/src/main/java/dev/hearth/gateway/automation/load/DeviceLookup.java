package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceGroups;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves device, group and attribute names written in automations, with located "did you mean" problems. Devices
 * are those known when the automations are read; a group's members may include devices discovered later.
 */
final class DeviceLookup {
    private final Map<String, DeviceSpec> byId = new LinkedHashMap<>();
    private final DeviceGroups groups;

    DeviceLookup(Collection<DeviceSpec> devices) {
        this(devices, DeviceGroups.NONE);
    }

    private DeviceLookup(Collection<DeviceSpec> devices, DeviceGroups groups) {
        devices.forEach(d -> byId.put(d.id().value(), d));
        this.groups = groups;
    }

    DeviceLookup withGroups(DeviceGroups groups) {
        return new DeviceLookup(byId.values(), groups);
    }

    /** The members of the group {@code device} names, if it names one. */
    Optional<List<DeviceId>> group(YamlMap m, String key) {
        return m.value(key).filter(n -> n instanceof ScalarNode).flatMap(n -> groups.members(((ScalarNode) n).getValue()));
    }

    /** The members of a group known now, in the group's order. */
    List<DeviceSpec> known(List<DeviceId> members) {
        return members.stream().map(id -> byId.get(id.value())).filter(java.util.Objects::nonNull).toList();
    }

    Map<String, DeviceSpec> all() {
        return java.util.Collections.unmodifiableMap(byId);
    }

    Optional<DeviceSpec> device(YamlMap m) {
        return device(m, "device");
    }

    Optional<DeviceSpec> device(YamlMap m, String key) {
        Optional<String> name = m.requiredText(key);
        if (name.isEmpty()) return Optional.empty();
        DeviceSpec d = byId.get(name.get());
        if (d == null && groups.members(name.get()).isPresent()) {
            m.problemAtValue(key, "'" + name.get() + "' is a group: groups work in commands, state and numeric triggers, "
                    + "and state and numeric conditions");
        } else if (d == null) {
            m.problemAtValue(key, "unknown device '" + name.get() + "'" + Suggestions.didYouMean(name.get(), byId.keySet()));
        }
        return Optional.ofNullable(d);
    }

    Optional<AttributeSpec> attribute(YamlMap m, DeviceSpec device) {
        Optional<String> name = m.requiredText("attribute");
        if (name.isEmpty()) return Optional.empty();
        Optional<AttributeSpec> a = device.attribute(name.get());
        if (a.isEmpty()) {
            m.problemAtValue("attribute", device.id() + " (" + device.kind().yamlName() + ") has no attribute '" + name.get() + "'"
                    + Suggestions.didYouMean(name.get(), device.attributes().keySet())
                    + "; it has: " + String.join(", ", device.attributes().keySet().stream().sorted().toList()));
        }
        return a;
    }
}
