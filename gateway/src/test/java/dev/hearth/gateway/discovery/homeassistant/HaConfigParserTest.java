package dev.hearth.gateway.discovery.homeassistant;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HaConfigParserTest {
    private final HaConfigParser parser = new HaConfigParser("homeassistant");

    private HaConfig only(String fixture) {
        HaFixtures.Fixture f = HaFixtures.config(fixture);
        HaDiscoveryMessage m = parser.parse(f.topic(), f.payload()).orElseThrow();
        assertThat(m).isInstanceOf(HaDiscoveryMessage.Configs.class);
        return ((HaDiscoveryMessage.Configs) m).configs().get(0);
    }

    @Test
    void an_esphome_sensor_expands_its_abbreviations_and_device_block() {
        HaConfig c = only("esphome/sensor.garagedoor1.garage_temperature.json");

        assertThat(c.component()).isEqualTo(HaComponent.SENSOR);
        assertThat(c.key()).isEqualTo("sensor/garagedoor1/garage_temperature");
        assertThat(c.name()).contains("Garage Temperature");
        assertThat(c.options().text("state_topic")).contains("garagedoor1/sensor/garage_temperature/state");
        assertThat(c.options().text("unit_of_measurement")).contains("°C");
        assertThat(c.options().text("device_class")).contains("temperature");
        HaDevice device = c.device().orElseThrow();
        assertThat(device.identifiers()).containsExactly("20500de464ec", "mac:20500de464ec");
        assertThat(device.name()).contains("GarageDoor1");
        assertThat(device.manufacturer()).contains("Espressif");
        assertThat(device.model()).contains("esp32");
        assertThat(device.swVersion()).contains("2026.8.0 (config hash 0x0dd1e1e6)");
        assertThat(c.availability().sources()).containsExactly(
                new HaAvailability.Source("garagedoor1/status", "online", "offline", Optional.empty()));
    }

    @Test
    void entities_of_one_esphome_node_are_one_device() {
        HaDevice temperature = only("esphome/sensor.garagedoor1.garage_temperature.json").device().orElseThrow();
        HaDevice door = only("esphome/binary_sensor.garagedoor1.garage_door_position.json").device().orElseThrow();

        assertThat(temperature.sameAs(door)).isTrue();
        assertThat(temperature.sameAs(only("shelly/switch.shellyplus1-a8032ab8e340.json").device().orElseThrow())).isFalse();
    }

    @Test
    void the_base_topic_is_put_in_front_of_or_behind_every_topic() {
        HaConfig shelly = only("shelly/switch.shellyplus1-a8032ab8e340.json");
        assertThat(shelly.options().text("command_topic")).contains("shellyplus1-a8032ab8e340/switch/cmd");
        assertThat(shelly.options().text("state_topic")).contains("shellyplus1-a8032ab8e340/switch/state");
        assertThat(shelly.options().text("payload_on")).contains("on");
        assertThat(shelly.device().orElseThrow().swVersion()).contains("20231107-164738/1.0.8-g0f0fcd9");

        HaConfig tasmota = only("tasmota-legacy/sensor.522851_ENERGY_Yesterday.json");
        assertThat(tasmota.options().text("state_topic")).contains("tasmota01/tele/SENSOR");
        assertThat(tasmota.availability().sources()).containsExactly(
                new HaAvailability.Source("tasmota01/tele/LWT", "Online", "Offline", Optional.empty()));
        assertThat(tasmota.device().orElseThrow().identifiers()).containsExactly("522851", "mac:84:0d:8e:52:28:51");
    }

    @Test
    void the_availability_list_keeps_each_topics_template() {
        HaConfig climate = only("zigbee2mqtt/climate.0x0017882104a44559.climate.json");

        assertThat(climate.availability().sources()).containsExactly(new HaAvailability.Source(
                "zigbee2mqtt/bridge/state", "online", "offline", Optional.of("{{ value_json.state }}")));
        assertThat(climate.name()).isEmpty();
        assertThat(climate.origin()).contains("Zigbee2MQTT");
        assertThat(climate.options().texts("modes")).containsExactly("heat", "auto", "off");
        assertThat(climate.options().number("max_temp", 0)).isEqualTo(35);
    }

    @Test
    void an_empty_retained_config_removes_the_entity() {
        assertThat(parser.parse("homeassistant/binary_sensor/garden/config", new byte[0]))
                .contains(new HaDiscoveryMessage.Removal("binary_sensor/garden"));
    }

    @Test
    void what_is_not_a_config_topic_is_not_read() {
        assertThat(parser.parse("homeassistant/binary_sensor/garden/state", "ON".getBytes())).isEmpty();
        assertThat(parser.parse("homeassistant/status", "online".getBytes())).isEmpty();
        assertThat(parser.parse("zigbee2mqtt/bridge/devices", "[]".getBytes())).isEmpty();
    }

    @Test
    void a_broken_config_is_malformed_and_an_unknown_component_ignored() {
        assertThat(parser.parse("homeassistant/sensor/x/config", "{\"name\":".getBytes()))
                .contains(new HaDiscoveryMessage.Malformed("sensor/x", "the config is not a JSON object"));
        assertThat(parser.parse("homeassistant/switch/x/config", "{\"name\":\"no command topic\"}".getBytes()))
                .contains(new HaDiscoveryMessage.Malformed("switch/x", "switch config without command_topic"));
        HaFixtures.Fixture event = HaFixtures.config("zigbee2mqtt/event.0x0017880104e45520.action.json");
        assertThat(parser.parse(event.topic(), event.payload()))
                .contains(new HaDiscoveryMessage.Ignored("event/0x0017880104e45520/action", "component 'event' is not supported"));
    }

    @Test
    void device_based_discovery_shares_the_root_options_with_each_component() {
        String payload = """
                {"dev":{"ids":"ea334450945afc","name":"Kitchen","mf":"Bla electronics","mdl":"xya"},
                 "o":{"name":"bla2mqtt","sw":"2.1"},
                 "cmps":{"some_unique_component_id1":{"p":"sensor","dev_cla":"temperature","unit_of_measurement":"°C",
                         "value_template":"{{ value_json.temperature}}","unique_id":"temp01ae_t"},
                         "some_unique_id2":{"p":"sensor","dev_cla":"humidity","unit_of_measurement":"%",
                         "value_template":"{{ value_json.humidity}}","unique_id":"temp01ae_h"},
                         "gone":{"p":"sensor"}},
                 "state_topic":"sensorBedroom/state","qos":2}""";

        HaDiscoveryMessage m = parser.parse("homeassistant/device/ea334450945afc/config", payload.getBytes(StandardCharsets.UTF_8)).orElseThrow();

        HaDiscoveryMessage.Configs configs = (HaDiscoveryMessage.Configs) m;
        assertThat(configs.replaces()).contains("device/ea334450945afc");
        List<HaConfig> entities = configs.configs();
        assertThat(entities).extracting(HaConfig::key).containsExactly(
                "device/ea334450945afc/some_unique_component_id1", "device/ea334450945afc/some_unique_id2");
        assertThat(entities).allSatisfy(c -> assertThat(c.options().text("state_topic")).contains("sensorBedroom/state"));
        assertThat(entities.get(1).options().text("value_template")).contains("{{ value_json.humidity}}");
        assertThat(entities.get(0).device().orElseThrow().name()).contains("Kitchen");
    }
}
