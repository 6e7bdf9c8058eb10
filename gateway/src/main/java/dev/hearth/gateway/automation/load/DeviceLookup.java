package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceGroups;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves device, group and attribute names written in automations, with located "did you mean" problems. Devices
 * are those known when the automations are read; a group's members may include devices discovered later. When
 * discovery may still bring a device ({@code awaitUnknown}), an unknown name is a located warning and the device is
 * {@linkplain #awaited() awaited} instead: the automation waits for it, and its checks run when it appears.
 */
final class DeviceLookup {
    /** The end of an unknown device's warning. */
    static final String WAITS = ": not known yet, so the automation waits until discovery finds it";

    private final Map<String, DeviceSpec> byId;
    private final DeviceGroups groups;
    private final boolean awaitUnknown;
    private final Set<String> awaited = new LinkedHashSet<>();
    private final Problems warnings = new Problems();

    DeviceLookup(Collection<DeviceSpec> devices) {
        this(devices, false);
    }

    DeviceLookup(Collection<DeviceSpec> devices, boolean awaitUnknown) {
        Map<String, DeviceSpec> map = new LinkedHashMap<>();
        devices.forEach(d -> map.put(d.id().value(), d));
        this.byId = Collections.unmodifiableMap(map);
        this.groups = DeviceGroups.NONE;
        this.awaitUnknown = awaitUnknown;
    }

    private DeviceLookup(DeviceLookup shared, DeviceGroups groups) {
        this.byId = shared.byId;
        this.groups = groups;
        this.awaitUnknown = shared.awaitUnknown;
    }

    DeviceLookup withGroups(DeviceGroups groups) {
        return new DeviceLookup(this, groups);
    }

    /** The same devices and groups with nothing awaited yet: one per automation. */
    DeviceLookup fresh() {
        return new DeviceLookup(this, groups);
    }

    /** The same groups over other devices (those known now). */
    DeviceLookup over(Collection<DeviceSpec> now) {
        return new DeviceLookup(now, awaitUnknown).withGroups(groups);
    }

    boolean awaitsUnknown() {
        return awaitUnknown;
    }

    /** Devices named but not known (yet), in the order written; empty unless discovery may bring them. */
    Set<String> awaited() {
        return Collections.unmodifiableSet(awaited);
    }

    /** Where each awaited device was named. */
    List<ConfigProblem> warnings() {
        return warnings.list();
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
        return byId;
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
        } else if (d == null && awaitUnknown && DeviceId.isValid(name.get())) {
            awaited.add(name.get());
            warnings.add(m.file(), m.value(key).orElse(m.node()), "unknown device '" + name.get() + "'"
                    + Suggestions.didYouMean(name.get(), byId.keySet()) + WAITS);
        } else if (d == null) {
            m.problemAtValue(key, "unknown device '" + name.get() + "'" + Suggestions.didYouMean(name.get(), byId.keySet()));
        }
        return Optional.ofNullable(d);
    }

    /**
     * Whether the automation waits for {@code names}, devices an expression at {@code key} reads and nobody knows
     * yet: only when discovery may bring them, and every one is a valid device id (else it is a plain mistake).
     */
    boolean await(YamlMap m, String key, List<String> names) {
        if (!awaitUnknown || names.isEmpty() || !names.stream().allMatch(DeviceId::isValid)) return false;
        for (String name : names) {
            awaited.add(name);
            warnings.add(m.file(), m.value(key).orElse(m.node()), "unknown device '" + name + "' in an expression"
                    + Suggestions.didYouMean(name, byId.keySet()) + WAITS);
        }
        return true;
    }

    /** Whether the automation waits for {@code group}'s members, none of them known yet: only when discovery may bring them. */
    boolean awaitGroup(YamlMap m, String group, List<DeviceId> members) {
        if (!awaitUnknown || members.isEmpty()) return false;
        members.forEach(id -> awaited.add(id.value()));
        warnings.add(m.file(), m.value("device").orElse(m.node()), "no device of group '" + group + "' is known yet (members: "
                + String.join(", ", members.stream().map(DeviceId::value).toList()) + ")" + WAITS);
        return true;
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
