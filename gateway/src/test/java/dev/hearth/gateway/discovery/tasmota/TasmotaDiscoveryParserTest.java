package dev.hearth.gateway.discovery.tasmota;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TasmotaDiscoveryParserTest {

    static byte[] fixture(String name) {
        try (InputStream in = TasmotaDiscoveryParserTest.class.getResourceAsStream("/discovery/tasmota/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TasmotaConfig config(String name) {
        return ((TasmotaDiscoveryParser.Device) TasmotaDiscoveryParser.config(fixture(name))).config();
    }

    @Test
    void a_plug_has_one_relay_called_power_commanded_on_power1() {
        TasmotaConfig plug = config("neo-coolcam-plug.config.json");

        assertThat(plug.mac()).isEqualTo("807D3A013787");
        assertThat(plug.topic()).isEqualTo("tasmota_lamp_slaapklamer");
        assertThat(plug.model()).isEqualTo("Neo Coolcam 16");
        assertThat(plug.relays()).containsExactly(new TasmotaConfig.Relay("POWER", "lamp_slaapkamer",
                "stat/tasmota_lamp_slaapklamer/POWER", "cmnd/tasmota_lamp_slaapklamer/POWER1", "ON", "OFF"));
        assertThat(plug.availabilityTopic()).isEqualTo("tele/tasmota_lamp_slaapklamer/LWT");
        assertThat(plug.online()).isEqualTo("Online");
        assertThat(plug.offline()).isEqualTo("Offline");
        assertThat(plug.sensorTopic()).isEqualTo("tele/tasmota_lamp_slaapklamer/SENSOR");
    }

    @Test
    void the_full_topic_format_decides_where_the_prefix_goes() {
        TasmotaConfig basic = config("sonoff-basic.config.json");

        assertThat(basic.relays()).isEmpty();
        assertThat(basic.availabilityTopic()).isEqualTo("tasmota_49A3BC/tele/LWT");
        assertThat(basic.sensorTopic()).isEqualTo("tasmota_49A3BC/tele/SENSOR");
    }

    @Test
    void several_relays_are_numbered_in_messages() {
        String json = new String(fixture("neo-coolcam-plug.config.json")).replace("\"rl\":[1,0,0,0,0,0,0,0]", "\"rl\":[1,1,2,0,0,0,0,0]");

        TasmotaConfig dual = ((TasmotaDiscoveryParser.Device) TasmotaDiscoveryParser.config(json.getBytes())).config();

        assertThat(dual.relays()).extracting(TasmotaConfig.Relay::name).containsExactly("POWER1", "POWER2", "POWER3");
        assertThat(dual.relays()).extracting(TasmotaConfig.Relay::stateTopic).containsExactly(
                "stat/tasmota_lamp_slaapklamer/POWER1", "stat/tasmota_lamp_slaapklamer/POWER2", "stat/tasmota_lamp_slaapklamer/POWER3");
    }

    @Test
    void the_energy_sensors_of_a_pow_are_typed_values_with_units() {
        List<TasmotaSensor> sensors = TasmotaDiscoveryParser.sensors(fixture("pow.sensors.json")).orElseThrow();

        assertThat(sensors).contains(
                new TasmotaSensor(List.of("ENERGY", "Power"), "energy_power", true, "W"),
                new TasmotaSensor(List.of("ENERGY", "Total"), "energy_total", true, "kWh"),
                new TasmotaSensor(List.of("ENERGY", "Voltage"), "energy_voltage", true, "V"),
                new TasmotaSensor(List.of("ENERGY", "TotalStartTime"), "energy_totalstarttime", false, ""));
        assertThat(sensors).extracting(TasmotaSensor::attribute).doesNotContain("time");
    }

    @Test
    void temperature_follows_the_documents_unit() {
        List<TasmotaSensor> sensors = TasmotaDiscoveryParser.sensors(fixture("am2301.sensors.json")).orElseThrow();

        assertThat(sensors).containsExactly(
                new TasmotaSensor(List.of("AM2301", "Temperature"), "am2301_temperature", true, "°C"),
                new TasmotaSensor(List.of("AM2301", "Humidity"), "am2301_humidity", true, "%"),
                new TasmotaSensor(List.of("AM2301", "DewPoint"), "am2301_dewpoint", true, "°C"));
    }

    @Test
    void a_config_without_its_topics_is_malformed() {
        assertThat(TasmotaDiscoveryParser.config("{\"mac\":\"00000049A3BC\"}".getBytes()))
                .isEqualTo(new TasmotaDiscoveryParser.Malformed("no 't'"));
        assertThat(TasmotaDiscoveryParser.config("Online".getBytes()))
                .isEqualTo(new TasmotaDiscoveryParser.Malformed("not a JSON object"));
    }

    private static TasmotaConfig withButtons(String setOptions) {
        String plug = new String(fixture("neo-coolcam-plug.config.json"), StandardCharsets.UTF_8)
                .replace("\"btn\":[0,0,", "\"btn\":[1,1,").replaceAll("\"so\":\\{[^}]*}", "\"so\":" + setOptions);
        return ((TasmotaDiscoveryParser.Device) TasmotaDiscoveryParser.config(plug.getBytes(StandardCharsets.UTF_8))).config();
    }

    @Test
    void buttons_are_events_only_when_their_presses_go_to_mqtt_and_follow_the_swap_and_single_options() {
        assertThat(config("neo-coolcam-plug.config.json").buttons()).as("SetOption73 0: presses switch the relay").isEmpty();

        TasmotaConfig normal = withButtons("{\"11\":0,\"13\":0,\"73\":1}");
        TasmotaConfig swapped = withButtons("{\"11\":1,\"13\":0,\"73\":1}");
        TasmotaConfig single = withButtons("{\"11\":0,\"13\":1,\"73\":1}");

        assertThat(normal.buttons()).extracting(TasmotaConfig.Button::number).containsExactly(1, 2);
        assertThat(normal.buttons().get(1).topic()).isEqualTo("stat/tasmota_lamp_slaapklamer/RESULT");
        assertThat(normal.buttons().get(0).actions()).containsEntry("SINGLE", "single").containsEntry("DOUBLE", "double")
                .containsEntry("PENTA", "quintuple").containsEntry("HOLD", "hold");
        assertThat(swapped.buttons().get(0).actions()).containsEntry("SINGLE", "double").containsEntry("DOUBLE", "single");
        assertThat(single.buttons().get(0).actions()).containsExactly(java.util.Map.entry("SINGLE", "single"));
    }
}
