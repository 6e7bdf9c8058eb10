package dev.hearth.gateway.discovery;

import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.discovery.homeassistant.HomeAssistantSource;
import dev.hearth.gateway.discovery.zigbee2mqtt.Zigbee2MqttSource;
import dev.hearth.gateway.support.LogLines;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two conventions announcing the same devices (a Zigbee2MQTT bridge, and Home Assistant configs for its devices that
 * do not say they are Zigbee2MQTT's, as a bridge script or the simulator writes them): the first source keeps them.
 */
class DiscoveryOverlapTest {
    private static final Instant T0 = Instant.parse("2026-01-01T18:00:00Z");
    private final DeviceRegistry registry = new DeviceRegistry(List.of(), 65536);
    private final Zigbee2MqttSource zigbee2mqtt = new Zigbee2MqttSource("zigbee2mqtt");
    private final HomeAssistantSource homeAssistant = new HomeAssistantSource("homeassistant", true, "hearth_home");
    private final Discovery discovery = new Discovery(List.of(zigbee2mqtt, homeAssistant), List.of(), registry);

    private void receive(String topic, String payload) {
        DiscoverySource source = discovery.source(topic).orElseThrow();
        discovery.receive(source, topic, payload.getBytes(StandardCharsets.UTF_8), T0);
    }

    private static byte[] bridgeDevices() {
        try (InputStream in = DiscoveryOverlapTest.class.getResourceAsStream("/discovery/zigbee2mqtt/bridge-devices.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String switchConfig(String device, String node) {
        return """
                {"name": null, "state_topic": "%s/state", "command_topic": "%s/set", "availability_topic": "%s/status",
                 "device": {"identifiers": ["%s"], "name": "%s"}}""".formatted(node, node, node, node, device);
    }

    @Test
    void the_first_source_keeps_its_devices_and_the_overlap_is_said_once() {
        discovery.receive(zigbee2mqtt, "zigbee2mqtt/bridge/devices", bridgeDevices(), T0);
        DeviceSpec button = registry.spec(new DeviceId("hall_button")).orElseThrow();
        DeviceSpec door = registry.spec(new DeviceId("front_door")).orElseThrow();

        try (LogLines log = LogLines.of(Discovery.class)) {
            receive("homeassistant/switch/0x00158d0001a1b2c3/switch/config", switchConfig("Hall Button", "0x00158d0001a1b2c3"));
            receive("homeassistant/switch/0x000d6ffffe1a2b3c/switch/config", switchConfig("Front Door", "0x000d6ffffe1a2b3c"));
            receive("0x00158d0001a1b2c3/status", "offline");
            receive("homeassistant/switch/0x00158d0001a1b2c3/switch/config", "");

            assertThat(log.lines()).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                    .contains("Home Assistant discovery", "hall_button", "found first", "discovery:");
        }
        assertThat(registry.spec(new DeviceId("hall_button"))).contains(button);
        assertThat(registry.spec(new DeviceId("front_door"))).contains(door);
        assertThat(registry.state(new DeviceId("hall_button")).orElseThrow().availability()).isNotEqualTo(Availability.OFFLINE);
    }
}
