package dev.hearth.gateway.discovery.zigbee2mqtt;

import dev.hearth.gateway.device.AttributeMapping;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceOverride;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DevicesFileReader;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.discovery.Discovery;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An override in devices.yaml gives a discovered device attribute mappings (source, scale, values, command), read
 * when the device is discovered, in its format; a mistake in them is logged once with its devices.yaml position,
 * and the rest of the device comes up. Before: {@code attributes} under an override was an unknown key.
 */
class OverrideAttributesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T18:00:00Z");
    private static final String DEVICES_YAML = """
            overrides:
              kitchen_coffee_plug:
                room: Kitchen
                attributes:
                  energy_wh: { type: number, unit: Wh, source: energy, scale: 1000 }
                  child_lock: { options: ["ON", "OFF"], values: { "LOCK": "ON", "UNLOCK": "OFF" } }
                  beep:
                    type: enum
                    options: [short, long]
                    reported: false
                    writable: true
                    command: { topic: "zigbee2mqtt/Kitchen/Coffee Plug/set", payload: '{"identify":"{value}"}' }
              hall_button:
                attributes:
                  battery: { scale: 0 }
                  voltage_v: { type: number, unit: V, source: voltage, scale: 0.001 }
            """;

    private final Zigbee2MqttSource source = new Zigbee2MqttSource("zigbee2mqtt");
    private final DeviceRegistry registry = new DeviceRegistry(List.of(), 65536);

    private static List<DeviceOverride> overrides() {
        Problems problems = new Problems();
        List<DeviceOverride> overrides = YamlDocument.parse(DEVICES_YAML, "devices.yaml", problems)
                .map(root -> new DevicesFileReader().read("devices.yaml", root, problems).overrides()).orElse(List.of());
        assertThat(problems.list()).as("read at load: the meaning waits for the device's format").isEmpty();
        return overrides;
    }

    @Test
    void anOverridesAttributeMappingsApplyWhenTheDeviceIsDiscoveredAndItsMistakesAreLoggedOnceWithTheirPosition() {
        try (LogLines logs = LogLines.of(Discovery.class)) {
            Discovery discovery = new Discovery(List.of(source), overrides(), registry);

            discovery.receive(source, "zigbee2mqtt/bridge/devices", Zigbee2MqttSourceTest.fixture(), T0);
            discovery.receive(source, "zigbee2mqtt/bridge/devices", Zigbee2MqttSourceTest.fixture(), T0);

            DeviceSpec plug = registry.spec(new DeviceId("kitchen_coffee_plug")).orElseThrow();
            assertThat(plug.room()).isEqualTo("Kitchen");
            assertThat(plug.attribute("energy_wh").orElseThrow().mapping().scale()).isEqualTo(1000);
            assertThat(plug.attribute("child_lock").orElseThrow().mapping().values()).containsEntry("LOCK", "ON");
            assertThat(plug.attribute("beep").orElseThrow().mapping().command())
                    .contains(new AttributeMapping.CommandTemplate("zigbee2mqtt/Kitchen/Coffee Plug/set", "{\"identify\":\"{value}\"}"));
            registry.apply(registry.routes().route("zigbee2mqtt/Kitchen/Coffee Plug").orElseThrow(),
                    "{\"energy\":1.25,\"child_lock\":\"LOCK\"}".getBytes(StandardCharsets.UTF_8), T0);
            assertThat(registry.state(plug.id()).flatMap(s -> s.value("energy_wh"))).contains(Value.of(1250.0));
            assertThat(registry.state(plug.id()).flatMap(s -> s.value("energy"))).contains(Value.of(1.25));
            assertThat(registry.state(plug.id()).flatMap(s -> s.value("child_lock"))).contains(Value.of("ON"));

            DeviceSpec button = registry.spec(new DeviceId("hall_button")).orElseThrow();
            assertThat(button.attribute("battery").orElseThrow().mapping().scale()).as("stays as discovered").isEqualTo(1);
            assertThat(button.attribute("voltage_v")).isPresent();
            assertThat(logs.lines()).filteredOn(l -> l.contains("scale")).singleElement().asString()
                    .contains("devices.yaml:15:").contains("'scale' must be a number other than 0").contains("hall_button");
        }
    }
}
