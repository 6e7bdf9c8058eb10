package dev.hearth.gateway.discovery.homeassistant;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HaAssemblyTest {
    private final HaConfigParser parser = new HaConfigParser("homeassistant");
    private final HaAssembly assembly = new HaAssembly();

    private HaAssembly.Changes receive(String fixture) {
        HaFixtures.Fixture f = HaFixtures.config(fixture);
        return assembly.apply(parser.parse(f.topic(), f.payload()).orElseThrow());
    }

    private static Map<String, HaAttribute> attributes(HaAssembly.Assembled d) {
        return d.attributes().stream().collect(Collectors.toMap(HaAttribute::name, Function.identity()));
    }

    @Test
    void an_esphome_node_is_one_device_with_an_attribute_per_entity() {
        receive("esphome/sensor.garagedoor1.garage_temperature.json");
        receive("esphome/sensor.garagedoor1.garage_humidity.json");
        receive("esphome/binary_sensor.garagedoor1.garage_door_position.json");
        HaAssembly.Changes last = receive("esphome/light.garagedoor1.garage_esp_status_led.json");

        HaAssembly.Assembled node = last.changed().get(0);
        assertThat(node.id()).isEqualTo("garagedoor1");
        assertThat(node.name()).isEqualTo("GarageDoor1");
        Map<String, HaAttribute> a = attributes(node);
        assertThat(a).containsOnlyKeys("garage_temperature", "garage_humidity", "garage_door_position", "garage_esp_status_led_state");
        assertThat(a.get("garage_temperature").type()).isEqualTo(HaAttribute.Type.NUMBER);
        assertThat(a.get("garage_temperature").unit()).isEqualTo("°C");
        assertThat(a.get("garage_temperature").stateTopic()).contains("garagedoor1/sensor/garage_temperature/state");
        assertThat(a.get("garage_door_position").type()).isEqualTo(HaAttribute.Type.BOOLEAN);
        assertThat(a.get("garage_esp_status_led_state").command()).contains(new HaAttribute.Command(
                "garagedoor1/light/garage_esp_status_led/command", "{\"state\": \"{value}\"}"));
        assertThat(node.availability().sources()).singleElement().satisfies(s -> assertThat(s.topic()).isEqualTo("garagedoor1/status"));
    }

    @Test
    void a_shelly_switch_keeps_its_own_payloads_for_on_and_off() {
        HaAssembly.Assembled shelly = receive("shelly/switch.shellyplus1-a8032ab8e340.json").changed().get(0);

        assertThat(shelly.id()).isEqualTo("virtual_switch");
        HaAttribute state = attributes(shelly).get("state");
        assertThat(state.values()).isEqualTo(Map.of("on", "ON", "off", "OFF"));
        assertThat(state.command()).contains(new HaAttribute.Command("shellyplus1-a8032ab8e340/switch/cmd", "{value}"));
    }

    @Test
    void a_climate_and_a_cover_give_their_parts() {
        Map<String, HaAttribute> valve = attributes(receive("zigbee2mqtt/climate.0x0017882104a44559.climate.json").changed().get(0));
        assertThat(valve).containsOnlyKeys("current_temperature", "target_temperature", "mode");
        assertThat(valve.get("target_temperature").min()).isEqualTo(5);
        assertThat(valve.get("target_temperature").step()).isEqualTo(0.5);
        assertThat(valve.get("mode").options()).containsExactly("heat", "auto", "off");
        assertThat(valve.get("target_temperature").command()).contains(new HaAttribute.Command(
                "zigbee2mqtt/TS0601_thermostat/set/current_heating_setpoint", "{value}"));

        Map<String, HaAttribute> vent = attributes(receive("zigbee2mqtt/cover.0x0017880104e45551.cover.json").changed().get(0));
        assertThat(vent).containsOnlyKeys("state", "position", "command");
        assertThat(vent.get("position").command()).contains(new HaAttribute.Command("zigbee2mqtt/smart vent/set", "{ \"position\": {value} }"));
        assertThat(vent.get("state").values()).containsEntry("OPEN", "open").containsEntry("CLOSE", "closed");
        assertThat(vent.get("command").values()).containsEntry("OPEN", "open").containsEntry("STOP", "stop");
    }

    @Test
    void an_unsupported_template_leaves_out_that_entity_and_is_reported_once() {
        receive("esphome/sensor.garagedoor1.garage_temperature.json");
        String bad = "{\"name\":\"Garage Dew\",\"stat_t\":\"garagedoor1/sensor/dew/state\",\"val_tpl\":\"{{ value | regex_replace('x','y') }}\","
                + "\"dev\":{\"ids\":\"20500de464ec\",\"name\":\"GarageDoor1\"}}";

        HaAssembly.Changes first = assembly.apply(parser.parse("homeassistant/sensor/garagedoor1/dew/config", bad.getBytes()).orElseThrow());
        HaAssembly.Changes again = assembly.apply(parser.parse("homeassistant/sensor/garagedoor1/dew/config", bad.getBytes()).orElseThrow());

        assertThat(first.problems()).singleElement().asString().contains("sensor 'Garage Dew'", "regex_replace", "docs/devices.md");
        assertThat(again.problems()).isEmpty();
        assertThat(attributes(again.changed().get(0))).containsOnlyKeys("garage_temperature");
    }

    @Test
    void an_empty_config_removes_the_entity_and_the_last_one_the_device() {
        receive("docs/sensor.sensorBedroomT.json");
        receive("docs/switch.irrigation.json");

        HaAssembly.Changes removed = assembly.apply(new HaDiscoveryMessage.Removal("switch/irrigation"));

        assertThat(removed.gone()).containsExactly("garden");
        assertThat(assembly.apply(new HaDiscoveryMessage.Removal("switch/irrigation"))).isEqualTo(HaAssembly.Changes.NONE);
    }

    @Test
    void device_triggers_of_one_type_are_one_event_attribute() {
        HaAssembly.Assembled d = receive("zigbee2mqtt/device_automation.0x0017880104e45522.action_double.json").changed().get(0);
        String single = new String(HaFixtures.config("zigbee2mqtt/device_automation.0x0017880104e45522.action_double.json").payload())
                .replace("double", "single");
        HaAssembly.Changes both = assembly.apply(parser.parse("homeassistant/device_automation/0x0017880104e45522/action_single/config",
                single.getBytes()).orElseThrow());

        HaAttribute action = attributes(both.changed().get(0)).get("action");
        assertThat(action.type()).isEqualTo(HaAttribute.Type.EVENT);
        assertThat(action.values()).isEqualTo(Map.of("double", "double", "single", "single"));
        assertThat(action.stateTopic()).contains("zigbee2mqtt/weather_sensor_renamed/action");
        assertThat(d.id()).isEqualTo(both.changed().get(0).id());
        assertThat(action.options()).containsExactlyInAnyOrder("double", "single");
        assertThat(List.of(d.id())).containsExactly("weather_sensor_renamed");
        assertThat(Optional.of(d.name())).contains("weather_sensor_renamed");
    }
}
