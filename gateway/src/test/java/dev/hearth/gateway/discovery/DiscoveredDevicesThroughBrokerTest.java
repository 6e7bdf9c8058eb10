package dev.hearth.gateway.discovery;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.Malformed;
import dev.hearth.gateway.device.MalformedPayloads;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.discovery.homeassistant.HomeAssistantSource;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Devices that announce themselves by Home Assistant's and Tasmota's discovery, with their real configs
 * (test resources discovery/, sources in SOURCES.md there), come up, report typed values and are commanded in their
 * own words, through Mosquitto; no device is written in devices.yaml.
 */
class DiscoveredDevicesThroughBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private TestHome home;
    private SimClient device;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start();
    }

    /** A gateway with every discovery on by default, and nothing in devices.yaml; {@code more} is added to gateway.yaml. */
    private void gateway(String more) {
        home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s") + more, "devices: []\n", "automations: []\n",
                broker.url()).awaitConnected();
        device = home.connectedClient("device");
    }

    @AfterEach
    void stop() {
        if (home != null) home.close();
        broker.close();
    }

    private static byte[] fixture(String path) {
        try (InputStream in = DiscoveredDevicesThroughBrokerTest.class.getResourceAsStream("/discovery/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Value> value(String device, String attribute) {
        return home.gateway().registry().state(new DeviceId(device)).flatMap(s -> Optional.ofNullable(s.attributes().get(attribute)))
                .map(a -> a.value());
    }

    private void awaitValue(String device, String attribute, Value expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(value(device, attribute)).contains(expected));
    }

    /** A device's report, sent again until it arrives: the device's subscription follows its discovery. */
    private void report(String topic, String payload, String device, String attribute, Value expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            this.device.publish(topic, payload, 1, false);
            assertThat(value(device, attribute)).contains(expected);
        });
    }

    private void command(String device, String attribute, Value value) {
        home.gateway().vertx().eventBus().request(Addresses.DEVICE_COMMAND,
                new CommandRequested(new DeviceId(device), Map.of(attribute, value), "test")).await();
    }

    private List<String> watch(String topic) {
        List<String> seen = new CopyOnWriteArrayList<>();
        home.connectedClient("watcher-" + topic.hashCode()).subscribe(topic, (t, p) -> seen.add(new String(p, StandardCharsets.UTF_8)));
        return seen;
    }

    @Test
    void an_esphome_node_comes_up_with_typed_values_and_its_availability() {
        gateway("");
        device.publish("homeassistant/sensor/garagedoor1/garage_temperature/config", fixture("homeassistant/esphome/sensor.garagedoor1.garage_temperature.json"), 1, true);
        device.publish("homeassistant/binary_sensor/garagedoor1/garage_door_position/config", fixture("homeassistant/esphome/binary_sensor.garagedoor1.garage_door_position.json"), 1, true);
        await().atMost(WAIT).until(() -> home.gateway().registry().spec(new DeviceId("garagedoor1"))
                .filter(d -> d.attributes().containsKey("garage_door_position")).isPresent());

        device.publish("garagedoor1/sensor/garage_temperature/state", "21.5", 1, false);
        device.publish("garagedoor1/binary_sensor/garage_door_position/state", "ON", 1, false);
        device.publish("garagedoor1/status", "offline", 1, true);

        awaitValue("garagedoor1", "garage_temperature", Value.of(21.5));
        awaitValue("garagedoor1", "garage_door_position", Value.of(true));
        await().atMost(WAIT).until(() -> home.gateway().registry().state(new DeviceId("garagedoor1"))
                .map(DeviceState::availability).orElse(null) == Availability.OFFLINE);
    }

    @Test
    void a_home_assistant_switch_is_commanded_with_its_own_payload_on_its_command_topic() {
        gateway("");
        List<String> commands = watch("shellyplus1-a8032ab8e340/switch/cmd");
        device.publish("homeassistant/switch/shellyplus1-a8032ab8e340/config", fixture("homeassistant/shelly/switch.shellyplus1-a8032ab8e340.json"), 1, true);
        report("shellyplus1-a8032ab8e340/switch/state", "off", "virtual_switch", "state", Value.of("OFF"));

        command("virtual_switch", "state", Value.of("ON"));

        await().atMost(WAIT).until(() -> commands.contains("on"));
        assertThat(commands).containsExactly("on");
    }

    @Test
    void a_tasmota_plug_from_its_discovery_reads_power_and_energy_and_is_commanded_on_cmnd_power() {
        gateway("");
        String t = "tasmota_lamp_slaapklamer";
        List<String> commands = watch("cmnd/" + t + "/POWER");
        device.publish("tasmota/discovery/807D3A013787/config", fixture("tasmota/neo-coolcam-plug.config.json"), 1, true);
        device.publish("tasmota/discovery/807D3A013787/sensors", fixture("tasmota/pow.sensors.json"), 1, true);
        await().atMost(WAIT).until(() -> home.gateway().registry().spec(new DeviceId(t))
                .filter(d -> d.attributes().containsKey("energy_power")).isPresent());

        device.publish("stat/" + t + "/POWER", "ON", 1, false);
        device.publish("tele/" + t + "/SENSOR", "{\"Time\":\"2024-01-14T18:03:15\",\"ENERGY\":{\"TotalStartTime\":\"2024-01-14T18:02:42\","
                + "\"Total\":1066.000,\"Yesterday\":0.000,\"Today\":0.000,\"Period\":0.00,\"Power\":76.20,\"ApparentPower\":0.00,"
                + "\"ReactivePower\":0.00,\"Factor\":0.00,\"Voltage\":227.7,\"Current\":0.000}}", 1, false);
        device.publish("tele/" + t + "/LWT", "Online", 1, true);
        awaitValue(t, "power", Value.of("ON"));
        awaitValue(t, "energy_power", Value.of(76.2));
        awaitValue(t, "energy_total", Value.of(1066));

        command(t, "power", Value.of("OFF"));

        await().atMost(WAIT).until(() -> commands.contains("OFF"));
    }

    @Test
    void an_unsupported_template_is_reported_once_and_the_rest_of_the_device_comes_up() {
        gateway("");
        String bad = "{\"name\":\"Garage Dew\",\"stat_t\":\"garagedoor1/sensor/dew/state\",\"val_tpl\":\"{{ value | regex_replace('x','y') }}\","
                + "\"dev\":{\"ids\":\"20500de464ec\",\"name\":\"GarageDoor1\"}}";
        try (LogLines log = LogLines.of(HomeAssistantSource.class)) {
            device.publish("homeassistant/sensor/garagedoor1/garage_temperature/config", fixture("homeassistant/esphome/sensor.garagedoor1.garage_temperature.json"), 1, true);
            device.publish("homeassistant/sensor/garagedoor1/dew/config", bad, 1, true);
            device.publish("homeassistant/sensor/garagedoor1/dew/config", bad, 1, true);
            report("garagedoor1/sensor/garage_temperature/state", "19.0", "garagedoor1", "garage_temperature", Value.of(19));

            await().during(Duration.ofMillis(500)).atMost(WAIT).untilAsserted(() -> assertThat(log.lines())
                    .filteredOn(l -> l.contains("Garage Dew")).singleElement().asString()
                    .startsWith("WARN").contains("regex_replace", "left out"));
        }
    }

    @Test
    void a_tasmota_button_sends_an_event_on_every_press_the_same_press_twice_too() {
        gateway("");
        String t = "tasmota_lamp_slaapklamer";
        List<EventReported> events = events();
        // The plug's real config with its button's presses sent over MQTT (SetOption73 1, button 1 present).
        String config = new String(fixture("tasmota/neo-coolcam-plug.config.json"), StandardCharsets.UTF_8)
                .replace("\"btn\":[0,", "\"btn\":[1,").replace("\"73\":0", "\"73\":1");
        device.publish("tasmota/discovery/807D3A013787/config", config, 1, true);
        report("stat/" + t + "/POWER", "OFF", t, "power", Value.of("OFF"));

        device.publish("stat/" + t + "/RESULT", "{\"Button1\":{\"Action\":\"SINGLE\"}}", 1, false);
        device.publish("stat/" + t + "/RESULT", "{\"Button1\":{\"Action\":\"SINGLE\"}}", 1, false);
        device.publish("stat/" + t + "/RESULT", "{\"Button1\":{\"Action\":\"HOLD\"}}", 1, false);

        await().atMost(WAIT).untilAsserted(() -> assertThat(events).extracting(e -> e.attribute() + " " + e.event())
                .containsExactly("button1 single", "button1 single", "button1 hold"));
        assertThat(value(t, "power")).contains(Value.of("OFF"));
    }

    @Test
    void a_device_trigger_fires_on_every_press_from_the_first_after_a_start() {
        // Zigbee2MQTT's own discovery off: its Home Assistant configs are then how its devices come.
        gateway("discovery: { zigbee2mqtt: { enabled: false } }\n");
        List<EventReported> events = events();
        device.publish("homeassistant/device_automation/0x0017880104e45522/action_double/config",
                fixture("homeassistant/zigbee2mqtt/device_automation.0x0017880104e45522.action_double.json"), 1, true);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (events.isEmpty()) device.publish("zigbee2mqtt/weather_sensor_renamed/action", "double", 1, false);
            return !events.isEmpty();
        });

        device.publish("zigbee2mqtt/weather_sensor_renamed/action", "double", 1, false);
        device.publish("zigbee2mqtt/weather_sensor_renamed/action", "double", 1, false);

        await().atMost(WAIT).untilAsserted(() -> assertThat(events).hasSize(3));
        assertThat(events).allSatisfy(e -> assertThat(e.device() + " " + e.attribute() + " " + e.event())
                .isEqualTo("weather_sensor_renamed action double"));
    }

    @Test
    void zigbee2mqtt_configs_make_no_second_device_while_its_bridge_is_read_and_say_so_once() {
        gateway("");
        try (LogLines log = LogLines.of(HomeAssistantSource.class)) {
            for (String c : List.of("switch.0x0017880104e45542.switch_left", "device_automation.0x0017880104e45522.action_double",
                    "climate.0x0017882104a44559.climate")) {
                String[] parts = c.split("\\.");
                device.publish("homeassistant/" + parts[0] + "/" + parts[1] + "/" + parts[2] + "/config",
                        fixture("homeassistant/zigbee2mqtt/" + c + ".json"), 1, true);
            }
            device.publish("homeassistant/sensor/garagedoor1/garage_temperature/config", fixture("homeassistant/esphome/sensor.garagedoor1.garage_temperature.json"), 1, true);
            await().atMost(WAIT).until(() -> home.gateway().registry().spec(new DeviceId("garagedoor1")).isPresent());

            assertThat(home.gateway().registry().specs()).extracting(d -> d.id().value()).containsExactly("garagedoor1");
            assertThat(log.lines()).filteredOn(l -> l.contains("Zigbee2MQTT")).singleElement().asString()
                    .startsWith("INFO").contains("not read", "discovery.zigbee2mqtt");
        }
    }

    @Test
    void a_malformed_discovery_document_is_counted_and_logged_and_removes_nothing() {
        gateway("");
        device.publish("homeassistant/sensor/garagedoor1/garage_temperature/config", fixture("homeassistant/esphome/sensor.garagedoor1.garage_temperature.json"), 1, true);
        device.publish("tasmota/discovery/807D3A013787/config", fixture("tasmota/neo-coolcam-plug.config.json"), 1, true);
        device.publish("tasmota/discovery/807D3A013787/sensors", fixture("tasmota/pow.sensors.json"), 1, true);
        report("garagedoor1/sensor/garage_temperature/state", "21.5", "garagedoor1", "garage_temperature", Value.of(21.5));
        report("tele/tasmota_lamp_slaapklamer/SENSOR", "{\"ENERGY\":{\"Power\":76.2}}", "tasmota_lamp_slaapklamer", "energy_power", Value.of(76.2));
        List<DeviceSpec> before = List.copyOf(home.gateway().registry().specs());

        try (LogLines log = LogLines.of(MalformedPayloads.class)) {
            device.publish("homeassistant/sensor/garagedoor1/garage_temperature/config", "{\"name\": \"Garage Temperature\", ", 1, true);
            device.publish("tasmota/discovery/807D3A013787/config", "{\"mac\": \"807D3A013787\"}", 1, true);
            device.publish("tasmota/discovery/807D3A013787/sensors", "Online", 1, true);

            await().atMost(WAIT).until(() -> home.gateway().registry().malformed().count(Malformed.BAD_DISCOVERY) == 3);
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN").contains("bad_discovery",
                    "homeassistant/sensor/garagedoor1/garage_temperature/config"));
        }
        assertThat(home.gateway().registry().specs()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(value("garagedoor1", "garage_temperature")).contains(Value.of(21.5));
        assertThat(value("tasmota_lamp_slaapklamer", "energy_power")).contains(Value.of(76.2));
    }

    private List<EventReported> events() {
        List<EventReported> events = new CopyOnWriteArrayList<>();
        home.gateway().vertx().eventBus().<EventReported>consumer(Addresses.DEVICE_EVENT, m -> events.add(m.body()));
        return events;
    }
}
