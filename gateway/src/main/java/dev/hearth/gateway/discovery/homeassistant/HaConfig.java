package dev.hearth.gateway.discovery.homeassistant;

import java.util.Objects;
import java.util.Optional;

/**
 * One discovered entity, as its retained config describes it. {@code key} names it among all configs (the topic
 * between the prefix and {@code /config}, plus the component id for device-based discovery); a later config with
 * the same key replaces it, an empty one removes it.
 */
public record HaConfig(String key, HaComponent component, String objectId, Optional<String> uniqueId,
                       Optional<String> name, Optional<HaDevice> device, HaAvailability availability,
                       Optional<String> origin, HaOptions options) {
    public HaConfig {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(component, "component");
    }

    /** For log lines: the component and the name a user sees, or the key. */
    public String describe() {
        return component.topicName() + " '" + name.or(() -> device.flatMap(HaDevice::name)).orElse(key) + "' (" + key + ")";
    }
}
