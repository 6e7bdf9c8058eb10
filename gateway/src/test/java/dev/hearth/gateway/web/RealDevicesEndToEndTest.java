package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real devices through a real broker, configured as a user would in devices.yaml: each reads its real payloads
 * (resources/devices, sources in SOURCES.md) into typed values shown by the API, and a command through the API
 * reaches it in its own form. A button's presses fire an event trigger every time, also after a restart.
 */
class RealDevicesEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SHELLY = "shellyplus1pm-a8032ab12345";
    static final String DEVICES = """
            devices:
              - id: living_bulb            # IKEA LED1624G9
                kind: light
                state_topic: zigbee2mqtt/Living bulb
              - id: bedroom_valve          # TuYa TS0601 thermostat
                kind: thermostat
                state_topic: zigbee2mqtt/bedroom_valve
              - id: hall_button            # Aqara WXKG01LM
                kind: button
                state_topic: zigbee2mqtt/hall_button
              - id: kitchen_plug           # Tasmota plug with energy monitoring
                kind: switch
                format: tasmota
                topic: plug_1
              - id: heater_relay           # Shelly Plus 1PM
                kind: switch
                format: shelly_gen2
                topic: shellyplus1pm-a8032ab12345
              - id: homie_socket
                kind: switch
                format: value_per_topic
                state_topic: homie/socket
                attributes:
                  state: { values: { "true": "ON", "false": "OFF" } }
              - id: esp_board
                kind: generic
                format: mapped
                availability_topic: esp/status
                attributes:
                  relay:
                    type: enum
                    options: [ON, OFF]
                    writable: true
                    topic: esp/relay
                    values: { "1": "ON", "0": "OFF" }
                    command: { topic: esp/relay/set, payload: "{value}" }
                  temperature: { type: number, unit: °C, topic: esp/sensor, source: SHT3X.Temperature }
            """;
    static final String AUTOMATIONS = """
            automations:
              - id: hall_button_pressed
                triggers:
                  - { trigger: event, device: hall_button, event: [single, double] }
                actions:
                  - publish: { topic: test/pressed, payload: "${trigger.event}" }
            """;

    @Test
    void eachDeviceIsReadWithTypedValuesAndCommandedInItsOwnForm(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), DEVICES, AUTOMATIONS, broker.url())
                     .awaitConnected();
             SignedInClient api = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value())) {
            SimClient devices = home.connectedClient("devices");
            Map<String, List<String>> commands = watch(home, "zigbee2mqtt/+/set", "cmnd/plug_1/+", SHELLY + "/rpc", "homie/socket/+/set",
                    "esp/relay/set");
            devices.publish("zigbee2mqtt/Living bulb", fixture("z2m-LED1624G9.json"), 1, false);
            devices.publish("zigbee2mqtt/bedroom_valve", fixture("z2m-TS0601_thermostat.json"), 1, false);
            devices.publish("stat/plug_1/POWER", fixture("tasmota-stat-POWER.txt"), 1, false);
            devices.publish("tele/plug_1/SENSOR", fixture("tasmota-tele-SENSOR.json"), 1, false);
            devices.publish("tele/plug_1/LWT", fixture("tasmota-tele-LWT-online.txt"), 1, true);
            devices.publish(SHELLY + "/status/switch:0", fixture("shelly-status-switch0.json"), 1, false);
            devices.publish(SHELLY + "/online", fixture("shelly-online-true.txt"), 1, true);
            devices.publish("homie/socket/state", "true", 1, false);
            devices.publish("esp/relay", "1", 1, false);
            devices.publish("esp/sensor", "{\"Time\":\"2024-01-01T10:00:00\",\"SHT3X\":{\"Temperature\":21.4,\"Humidity\":48.2}}", 1, false);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(attribute(api, "living_bulb", "color").getValue("value")).isEqualTo(new JsonObject().put("x", 0.4599).put("y", 0.4106));
                assertThat(attribute(api, "bedroom_valve", "current_heating_setpoint").getValue("value")).isEqualTo(21.5);
                assertThat(attribute(api, "kitchen_plug", "state").getValue("value")).isEqualTo("ON");
                assertThat(attribute(api, "kitchen_plug", "power").getValue("value")).isEqualTo(5.0);
                assertThat(device(api, "kitchen_plug").getString("availability")).isEqualTo("online");
                assertThat(attribute(api, "heater_relay", "state").getValue("value")).isEqualTo("ON");
                assertThat(attribute(api, "heater_relay", "power").getValue("value")).isEqualTo(8.9);
                assertThat(device(api, "heater_relay").getString("availability")).isEqualTo("online");
                assertThat(attribute(api, "homie_socket", "state").getValue("value")).isEqualTo("ON");
                assertThat(attribute(api, "esp_board", "relay").getValue("value")).isEqualTo("ON");
                assertThat(attribute(api, "esp_board", "temperature").getValue("value")).isEqualTo(21.4);
            });
            assertThat(attribute(api, "living_bulb", "color").getJsonObject("members").fieldNames()).contains("x", "y");
            assertThat(attribute(api, "bedroom_valve", "current_heating_setpoint").getDouble("step")).isEqualTo(0.5);

            command(api, "living_bulb", new JsonObject().put("color", new JsonObject().put("x", 0.3).put("y", 0.2)).put("transition", 2));
            command(api, "living_bulb", new JsonObject().put("xy", new JsonArray().add(0.15).add(0.06)));
            command(api, "bedroom_valve", new JsonObject().put("current_heating_setpoint", 22));
            command(api, "kitchen_plug", new JsonObject().put("state", "OFF"));
            command(api, "heater_relay", new JsonObject().put("state", "OFF"));
            command(api, "homie_socket", new JsonObject().put("state", "OFF"));
            command(api, "esp_board", new JsonObject().put("relay", "OFF"));

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(commands.get("zigbee2mqtt/Living bulb/set")).containsExactly(
                        "{\"color\":{\"x\":0.3,\"y\":0.2},\"transition\":2}", "{\"color\":{\"x\":0.15,\"y\":0.06}}");
                assertThat(commands.get("zigbee2mqtt/bedroom_valve/set")).containsExactly("{\"current_heating_setpoint\":22}");
                assertThat(commands.get("cmnd/plug_1/POWER")).containsExactly("OFF");
                assertThat(commands.get(SHELLY + "/rpc")).singleElement().satisfies(rpc -> {
                    JsonObject call = new JsonObject(rpc);
                    assertThat(call.getString("method")).isEqualTo("Switch.Set");
                    assertThat(call.getJsonObject("params")).isEqualTo(new JsonObject().put("id", 0).put("on", false));
                    assertThat(call.getString("src")).isNotBlank();
                    assertThat(call.getValue("id")).isInstanceOf(Number.class);
                });
                assertThat(commands.get("homie/socket/state/set")).containsExactly("false");
                assertThat(commands.get("esp/relay/set")).containsExactly("0");
            });
            assertThat(api.post("/api/devices/living_bulb/command", new JsonObject().put("set",
                    new JsonObject().put("color", new JsonObject().put("x", 7)))).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aButtonPressedTwiceFiresItsEventTriggerTwiceAndTheFirstPressAfterARestartFires(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            String gateway = TestHome.externalBroker(broker.url(), "30s");
            try (TestHome home = TestHome.start(dir, gateway, DEVICES, AUTOMATIONS, broker.url()).awaitConnected()) {
                List<String> pressed = watch(home, "test/pressed").computeIfAbsent("test/pressed", t -> new CopyOnWriteArrayList<>());
                await().atMost(WAIT).until(() -> home.gateway().home().armed());
                SimClient button = home.connectedClient("button");
                press(button, "z2m-WXKG01LM-single.json");
                press(button, "z2m-WXKG01LM-single.json");
                await().atMost(WAIT).untilAsserted(() -> assertThat(pressed).containsExactly("single", "single"));
            }
            try (TestHome again = TestHome.start(dir, gateway, DEVICES, AUTOMATIONS, broker.url()).awaitConnected()) {
                List<String> pressed = watch(again, "test/pressed").computeIfAbsent("test/pressed", t -> new CopyOnWriteArrayList<>());
                await().atMost(WAIT).until(() -> again.gateway().home().armed());
                press(again.connectedClient("button"), "z2m-WXKG01LM-single.json");
                await().atMost(WAIT).untilAsserted(() -> assertThat(pressed).containsExactly("single"));
            }
        }
    }

    /** A press as Zigbee2MQTT publishes it: the action, then the empty action that resets it. */
    private static void press(SimClient button, String fixture) {
        button.publish("zigbee2mqtt/hall_button", fixture(fixture), 1, false);
        button.publish("zigbee2mqtt/hall_button", fixture("z2m-WXKG01LM-reset.json"), 1, false);
    }

    private static Map<String, List<String>> watch(TestHome home, String... filters) {
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        SimClient watcher = home.connectedClient("watcher");
        for (String filter : filters) {
            watcher.subscribe(filter, (topic, payload) -> seen.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                    .add(new String(payload, StandardCharsets.UTF_8)));
        }
        return seen;
    }

    private static void command(SignedInClient api, String device, JsonObject set) {
        var r = api.post("/api/devices/" + device + "/command", new JsonObject().put("set", set));
        assertThat(r.statusCode()).as("%s: %s", device, r.bodyAsString()).isEqualTo(200);
    }

    private static JsonObject device(SignedInClient api, String device) {
        var r = api.get("/api/devices/" + device);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static JsonObject attribute(SignedInClient api, String device, String attribute) {
        return device(api, device).getJsonObject("attributes").getJsonObject(attribute);
    }

    private static String fixture(String name) {
        try (InputStream in = RealDevicesEndToEndTest.class.getResourceAsStream("/devices/" + name)) {
            if (in == null) throw new AssertionError("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
