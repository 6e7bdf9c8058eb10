package dev.hearth.gateway.discovery.homeassistant;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.TopicRoutes;
import dev.hearth.gateway.device.Value;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovered entities decode their devices' payloads through the registry, templates and payload maps included. */
class HaSpecsTest {
    private final HaConfigParser parser = new HaConfigParser("homeassistant");
    private final HaAssembly assembly = new HaAssembly();

    private DeviceSpec device(String... fixtures) {
        HaAssembly.Changes last = HaAssembly.Changes.NONE;
        for (String f : fixtures) {
            HaFixtures.Fixture fixture = HaFixtures.config(f);
            last = assembly.apply(parser.parse(fixture.topic(), fixture.payload()).orElseThrow());
        }
        HaAssembly.Assembled d = last.changed().get(0);
        return HaSpecs.spec(d, Optional.empty());
    }

    private static Optional<Value> receive(DeviceRegistry registry, DeviceSpec d, String topic, String payload, String attribute) {
        TopicRoutes.Route route = registry.routes().route(topic).orElseThrow(() -> new AssertionError("no route for " + topic));
        registry.apply(route, payload.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        return registry.state(d.id()).flatMap(s -> Optional.ofNullable(s.attributes().get(attribute))).map(a -> a.value());
    }

    @Test
    void a_templated_sensor_reads_its_member_and_a_message_without_it_changes_nothing() {
        DeviceSpec bedroom = device("docs/sensor.sensorBedroomT.json", "docs/sensor.sensorBedroomH.json");
        DeviceRegistry registry = new DeviceRegistry(List.of(bedroom), 65536);

        assertThat(receive(registry, bedroom, "homeassistant/sensor/sensorBedroom/state", "{ \"temperature\": 23.20, \"humidity\": 43.70 }",
                "temperature")).contains(Value.of(23.2));
        assertThat(receive(registry, bedroom, "homeassistant/sensor/sensorBedroom/state", "{ \"humidity\": 44.1 }", "temperature"))
                .contains(Value.of(23.2));
        assertThat(registry.state(bedroom.id()).orElseThrow().attributes().get("humidity").value()).isEqualTo(Value.of(44.1));
        assertThat(registry.malformed().total()).isZero();
    }

    @Test
    void payloads_of_the_device_map_to_on_and_off() {
        DeviceSpec shelly = device("shelly/switch.shellyplus1-a8032ab8e340.json");
        DeviceRegistry registry = new DeviceRegistry(List.of(shelly), 65536);

        assertThat(receive(registry, shelly, "shellyplus1-a8032ab8e340/switch/state", "on", "state")).contains(Value.of("ON"));
        assertThat(receive(registry, shelly, "shellyplus1-a8032ab8e340/switch/state", "off", "state")).contains(Value.of("OFF"));
        assertThat(shelly.attribute("state").orElseThrow().mapping().toPayload(Value.of("ON"))).isEqualTo("on");
    }

    @Test
    void tasmotas_legacy_energy_sensor_reads_its_nested_value() {
        DeviceSpec tasmota = device("tasmota-legacy/sensor.522851_ENERGY_Yesterday.json");
        DeviceRegistry registry = new DeviceRegistry(List.of(tasmota), 65536);

        assertThat(tasmota.id()).isEqualTo(new DeviceId("tasmota_energy_yesterday"));
        assertThat(receive(registry, tasmota, "tasmota01/tele/SENSOR",
                "{\"Time\":\"2018-05-22T02:01:29\",\"ENERGY\":{\"Total\":0.052,\"Yesterday\":1.737,\"Today\":0.052}}", "power"))
                .contains(Value.of(1.737));
    }
}
