package dev.hearth.gateway.discovery;

import java.util.List;

/**
 * {@code discovery:} in gateway.yaml: which conventions find devices by themselves. Zigbee2MQTT's bridge is read under
 * each of {@code zigbee2mqttBaseTopics} (default {@code zigbee2mqtt}; empty when turned off).
 */
public record DiscoverySettings(List<String> zigbee2mqttBaseTopics) {
    public static final String ZIGBEE2MQTT_DEFAULT_BASE = "zigbee2mqtt";

    public DiscoverySettings {
        zigbee2mqttBaseTopics = List.copyOf(zigbee2mqttBaseTopics);
    }

    /** Whether any convention is on: automations may then name devices not discovered yet. */
    public boolean any() {
        return !zigbee2mqttBaseTopics.isEmpty();
    }
}
