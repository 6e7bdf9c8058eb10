package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Resolves device and attribute names written in automations, with located "did you mean" problems. */
final class DeviceLookup {
    private final Map<String, DeviceSpec> byId = new LinkedHashMap<>();

    DeviceLookup(Collection<DeviceSpec> devices) {
        devices.forEach(d -> byId.put(d.id().value(), d));
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
        if (d == null) {
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
