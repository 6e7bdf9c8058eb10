package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves device and attribute names written in automations, with located "did you mean" problems. When discovery
 * may still bring a device ({@code awaitUnknown}), an unknown name is a located warning and the device is
 * {@linkplain #awaited() awaited} instead: the automation waits for it, and its checks run when it appears.
 */
final class DeviceLookup {
    /** The end of an unknown device's warning. */
    static final String WAITS = ": not known yet, so the automation waits until discovery finds it";

    private final Map<String, DeviceSpec> byId;
    private final boolean awaitUnknown;
    private final Set<String> awaited = new LinkedHashSet<>();
    private final Problems warnings = new Problems();

    DeviceLookup(Collection<DeviceSpec> devices, boolean awaitUnknown) {
        Map<String, DeviceSpec> map = new LinkedHashMap<>();
        devices.forEach(d -> map.put(d.id().value(), d));
        this.byId = Collections.unmodifiableMap(map);
        this.awaitUnknown = awaitUnknown;
    }

    private DeviceLookup(DeviceLookup shared) {
        this.byId = shared.byId;
        this.awaitUnknown = shared.awaitUnknown;
    }

    /** The same devices with nothing awaited yet: one per automation. */
    DeviceLookup fresh() {
        return new DeviceLookup(this);
    }

    boolean awaitsUnknown() {
        return awaitUnknown;
    }

    Map<String, DeviceSpec> all() {
        return byId;
    }

    /** Devices named but not known (yet), in the order written; empty unless discovery may bring them. */
    Set<String> awaited() {
        return Collections.unmodifiableSet(awaited);
    }

    /** Where each awaited device was named. */
    List<ConfigProblem> warnings() {
        return warnings.list();
    }

    Optional<DeviceSpec> device(YamlMap m) {
        return device(m, "device");
    }

    Optional<DeviceSpec> device(YamlMap m, String key) {
        Optional<String> name = m.requiredText(key);
        if (name.isEmpty()) return Optional.empty();
        DeviceSpec d = byId.get(name.get());
        if (d == null && awaitUnknown && DeviceId.isValid(name.get())) {
            awaited.add(name.get());
            warnings.add(m.file(), m.value(key).orElse(m.node()), "unknown device '" + name.get() + "'"
                    + Suggestions.didYouMean(name.get(), byId.keySet()) + WAITS);
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
