package dev.hearth.sim.scenario;

import dev.hearth.sim.device.DeviceSpec;
import dev.hearth.sim.device.Publication;
import dev.hearth.sim.discovery.HomeAssistantDiscovery;
import dev.hearth.sim.discovery.Zigbee2MqttBridge;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a scenario's home announces besides device state, as real installations do (retained). */
public enum Announcement {
    /** {@code zigbee2mqtt/bridge/state} and the {@code zigbee2mqtt/bridge/devices} list. */
    ZIGBEE2MQTT_BRIDGE,
    /** Home Assistant MQTT discovery config messages under {@code homeassistant/}. */
    HOME_ASSISTANT;

    public List<Publication> publications(List<DeviceSpec> devices) {
        return switch (this) {
            case ZIGBEE2MQTT_BRIDGE -> Zigbee2MqttBridge.announce("zigbee2mqtt", devices);
            case HOME_ASSISTANT -> HomeAssistantDiscovery.announce(HomeAssistantDiscovery.DEFAULT_PREFIX, devices);
        };
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Announcement> parse(String text) {
        return Arrays.stream(values()).filter(a -> a.yamlName().equals(text)).findFirst();
    }
}
