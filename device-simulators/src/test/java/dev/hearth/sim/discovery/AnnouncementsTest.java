package dev.hearth.sim.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.Probe;
import dev.hearth.sim.scenario.Scenario;
import dev.hearth.sim.scenario.ScenarioLoader;
import dev.hearth.sim.scenario.ScenarioRunner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The optional conventions: the Zigbee2MQTT bridge's retained device list and Home Assistant discovery.
 * Each announcement must describe what the simulated device really does: a discovered template reads a
 * field the device publishes, and a discovered command topic and payload really switch it.
 */
class AnnouncementsTest {
    private static final String HOME = """
            scenario: announced
            start: "18:00"
            end: "18:01"
            acceleration: 60
            announce: [zigbee2mqtt_bridge, home_assistant]
            rooms:
              hallway:
                devices:
                  hallway_motion: {kind: motion, topic: zigbee2mqtt/hallway_motion}
                  hallway_light: {kind: light, topic: zigbee2mqtt/hallway_light}
                  hallway_door: {kind: contact, topic: zigbee2mqtt/hallway_door}
              living:
                devices:
                  living_temperature: {kind: temperature, topic: zigbee2mqtt/living_temperature}
                  living_thermostat: {kind: thermostat, topic: zigbee2mqtt/living_thermostat}
              kitchen:
                devices:
                  kitchen_plug: {kind: plug, convention: value_per_topic, topic: homie/kitchen_plug}
            """;
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{ value_json\\.(\\w+) }}");

    @Test
    void announcementsAreRetainedAndDescribeWhatTheDevicesReallyDo() throws Exception {
        Scenario scenario = ScenarioLoader.parse(HOME, "announced.yaml");
        try (MosquittoBroker broker = MosquittoBroker.start();
             ScenarioRunner runner = new ScenarioRunner(scenario, broker.url()).start(Duration.ofSeconds(10));
             Probe late = Probe.on(broker.url(), "#")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> late.lastOn("zigbee2mqtt/bridge/devices") != null
                    && late.received().stream().filter(r -> r.topic().startsWith("homeassistant/")).count() >= 12);

            assertThat(new JsonObject(late.lastOn("zigbee2mqtt/bridge/state")).getString("state")).isEqualTo("online");
            JsonArray devices = new JsonArray(late.lastOn("zigbee2mqtt/bridge/devices"));
            assertThat(devices.stream().map(d -> ((JsonObject) d).getString("friendly_name")).toList())
                    .containsExactly("Coordinator", "hallway_motion", "hallway_light", "hallway_door",
                            "living_temperature", "living_thermostat");
            JsonObject motion = devices.getJsonObject(1);
            assertThat(motion.getString("ieee_address")).matches("0x[0-9a-f]{16}");
            assertThat(motion.getJsonObject("definition").getString("model")).as("an Aqara motion sensor").isEqualTo("RTCGQ11LM");
            assertThat(motion.getJsonObject("definition").getJsonArray("exposes").getJsonObject(1).encode())
                    .isEqualTo("{\"name\":\"occupancy\",\"label\":\"Occupancy\",\"access\":1,\"type\":\"binary\",\"property\":\"occupancy\","
                            + "\"description\":\"Indicates whether the device detected occupancy\",\"value_on\":true,\"value_off\":false}");
            JsonObject lightExposes = devices.getJsonObject(2).getJsonObject("definition").getJsonArray("exposes").getJsonObject(0);
            assertThat(lightExposes.getString("type")).as("a light's controls are the features of a light expose").isEqualTo("light");
            assertThat(lightExposes.getJsonArray("features").stream().map(f -> ((JsonObject) f).getString("property")).toList())
                    .containsExactly("state", "brightness", "color_temp", "color_temp_startup", "color", "level_config");
            assertThat(lightExposes.getJsonArray("features").getJsonObject(1).getDouble("value_max")).isEqualTo(254.0);
            assertThat(devices.getJsonObject(5).getJsonObject("definition").getJsonArray("exposes").stream()
                    .map(e -> ((JsonObject) e).getString("type")).toList()).as("a thermostat's controls are a climate expose").contains("climate");

            scenario.devices().forEach(d -> runner.device(d.id()).publishState()); // state is not retained
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (Probe.Received config : late.received()) {
                    if (config.topic().startsWith("homeassistant/")) {
                        assertReadsWhatTheDevicePublishes(late, config);
                    }
                }
            });
            JsonObject light = config(late, "homeassistant/light/", "hallway_light");
            assertThat(light.getString("schema")).isEqualTo("json");
            assertThat(light.getJsonObject("origin").getString("name")).as("told apart as Zigbee2MQTT's own").isEqualTo("Zigbee2MQTT");
            assertThat(light.getJsonObject("device").getJsonArray("identifiers").getString(0))
                    .isEqualTo("zigbee2mqtt_" + devices.getJsonObject(2).getString("ieee_address"));
            late.client().publish(light.getString("command_topic"), "{\"state\":\"ON\"}");
            JsonObject plug = config(late, "homeassistant/switch/", "kitchen_plug");
            late.client().publish(plug.getString("command_topic"), plug.getString("payload_on"));
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    new JsonObject(late.lastOn("zigbee2mqtt/hallway_light")).getString("state").equals("ON")
                    && "ON".equals(late.lastOn(plug.getString("state_topic"))));
            assertThat(config(late, "homeassistant/binary_sensor/", "hallway_door").getString("device_class")).isEqualTo("door");
            assertThat(config(late, "homeassistant/binary_sensor/", "hallway_door").getBoolean("payload_on"))
                    .as("a door is 'on' when open: contact false").isFalse();
        }
    }

    @Test
    void anUnknownAnnouncementIsAnErrorAtItsPosition() {
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME.replace("home_assistant]", "homekit]"), "a.yaml"))
                .hasMessage("a.yaml:5:32: unknown announcement 'homekit' (expected zigbee2mqtt_bridge or home_assistant)");
    }

    /** Every state topic a config names carries a value; a JSON template names a field the device publishes. */
    private static void assertReadsWhatTheDevicePublishes(Probe probe, Probe.Received config) {
        JsonObject c = new JsonObject(config.payload());
        for (String key : List.of("state_topic", "mode_state_topic", "temperature_state_topic", "current_temperature_topic")) {
            String topic = c.getString(key);
            if (topic == null) {
                continue;
            }
            String published = probe.lastOn(topic);
            assertThat(published).as(config.topic() + " " + key + " " + topic).isNotNull();
            String template = c.getString(key.replace("_topic", "").equals("state") ? "value_template"
                    : key.replace("_topic", "_template"));
            if (template != null) {
                Matcher m = TEMPLATE.matcher(template);
                assertThat(m.find()).as(template).isTrue();
                assertThat(new JsonObject(published).containsKey(m.group(1))).as(config.topic() + " reads " + m.group(1)).isTrue();
            }
        }
        assertThat(probe.lastOn(c.getString("availability_topic"))).as(config.topic() + " availability").isNotNull();
    }

    private static JsonObject config(Probe probe, String prefix, String device) {
        return probe.received().stream().filter(r -> r.topic().startsWith(prefix))
                .map(r -> new JsonObject(r.payload()))
                .filter(c -> c.getJsonObject("device").getString("name").equals(device))
                .findFirst().orElseThrow();
    }
}
