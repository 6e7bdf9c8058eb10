package dev.hearth.gateway.discovery;

import java.util.List;
import java.util.Objects;

/**
 * {@code discovery:} in gateway.yaml: which conventions find devices by themselves. Zigbee2MQTT's bridge is read under
 * each of {@code zigbee2mqttBaseTopics} (default {@code zigbee2mqtt}; empty when turned off). {@code homeAssistant}:
 * Home Assistant's discovery prefix, and whether Hearth announces itself there.
 */
public record DiscoverySettings(List<String> zigbee2mqttBaseTopics, HomeAssistant homeAssistant) {
    public static final String ZIGBEE2MQTT_DEFAULT_BASE = "zigbee2mqtt";

    /** {@code discovery.homeassistant}: {@code prefix} (default {@code homeassistant}), {@code publish} (default false). */
    public record HomeAssistant(String prefix, boolean publish) {
        public static final String DEFAULT_PREFIX = "homeassistant";
        public static final HomeAssistant DEFAULTS = new HomeAssistant(DEFAULT_PREFIX, false);

        public HomeAssistant {
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    public DiscoverySettings {
        zigbee2mqttBaseTopics = List.copyOf(zigbee2mqttBaseTopics);
        Objects.requireNonNull(homeAssistant, "homeAssistant");
    }

    /** Whether any convention is on: automations may then name devices not discovered yet. */
    public boolean any() {
        return !zigbee2mqttBaseTopics.isEmpty();
    }
}
