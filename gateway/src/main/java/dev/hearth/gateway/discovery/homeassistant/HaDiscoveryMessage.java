package dev.hearth.gateway.discovery.homeassistant;

import java.util.List;
import java.util.Optional;

/** What one message on a discovery topic says. */
public sealed interface HaDiscoveryMessage {
    /**
     * New or changed entities: one, or for device-based discovery ({@code <prefix>/device/<id>/config}) all the
     * device's components, which then replace every entity whose key starts with {@code replaces + "/"}.
     */
    record Configs(List<HaConfig> configs, Optional<String> replaces) implements HaDiscoveryMessage {
        public Configs {
            configs = List.copyOf(configs);
        }
    }

    /** An empty retained config: the entity with this key (and, for a device topic, all its components) is gone. */
    record Removal(String key) implements HaDiscoveryMessage {
    }

    /** A config Hearth does not read, such as a component it does not know; said once, then left alone. */
    record Ignored(String key, String reason) implements HaDiscoveryMessage {
    }

    /** Not a valid config: counted and logged, and never removes what is known. */
    record Malformed(String key, String reason) implements HaDiscoveryMessage {
    }
}
