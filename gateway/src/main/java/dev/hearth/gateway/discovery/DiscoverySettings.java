package dev.hearth.gateway.discovery;

import java.util.List;
import java.util.Objects;

/**
 * {@code discovery:} in gateway.yaml: which conventions find devices by themselves. Zigbee2MQTT's bridge is read under
 * each of {@code zigbee2mqttBaseTopics} (default {@code zigbee2mqtt}; empty when turned off). {@code homeAssistant}:
 * whether Home Assistant's discovery configs are read, under which prefix, and whether Hearth announces itself there.
 * {@code tasmota}: whether Tasmota's own discovery is read, under which prefix.
 */
public record DiscoverySettings(List<String> zigbee2mqttBaseTopics, HomeAssistant homeAssistant, Tasmota tasmota) {
    public static final String ZIGBEE2MQTT_DEFAULT_BASE = "zigbee2mqtt";
    public static final DiscoverySettings DEFAULTS = new DiscoverySettings(List.of(ZIGBEE2MQTT_DEFAULT_BASE),
            HomeAssistant.DEFAULTS, Tasmota.DEFAULTS);

    /**
     * {@code discovery.homeassistant}: {@code enabled} (read configs; default true), {@code prefix} (default
     * {@code homeassistant}), {@code publish} (announce Hearth; default false).
     */
    public record HomeAssistant(boolean enabled, String prefix, boolean publish) {
        public static final String DEFAULT_PREFIX = "homeassistant";
        public static final HomeAssistant DEFAULTS = new HomeAssistant(true, DEFAULT_PREFIX, false);

        public HomeAssistant {
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** {@code discovery.tasmota}: {@code enabled} (default true), {@code prefix} (default {@code tasmota/discovery}). */
    public record Tasmota(boolean enabled, String prefix) {
        public static final String DEFAULT_PREFIX = "tasmota/discovery";
        public static final Tasmota DEFAULTS = new Tasmota(true, DEFAULT_PREFIX);

        public Tasmota {
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    public DiscoverySettings {
        zigbee2mqttBaseTopics = List.copyOf(zigbee2mqttBaseTopics);
        Objects.requireNonNull(homeAssistant, "homeAssistant");
        Objects.requireNonNull(tasmota, "tasmota");
    }

    /** Whether any convention is on: automations may then name devices not discovered yet. */
    public boolean any() {
        return !zigbee2mqttBaseTopics.isEmpty() || homeAssistant.enabled() || tasmota.enabled();
    }
}
