package dev.hearth.gateway.device;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code groups:} of devices.yaml: a name for several devices ({@code living_lights: [lamp_1, lamp_2]}), usable in
 * automations wherever a device is. Members are device ids, which may be discovered after the groups are read.
 */
public record DeviceGroups(Map<String, List<DeviceId>> byName) {
    public static final DeviceGroups NONE = new DeviceGroups(Map.of());

    public DeviceGroups {
        Map<String, List<DeviceId>> copy = new LinkedHashMap<>();
        byName.forEach((name, members) -> copy.put(name, List.copyOf(members)));
        byName = java.util.Collections.unmodifiableMap(copy);
    }

    public Optional<List<DeviceId>> members(String group) {
        return Optional.ofNullable(byName.get(group));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
