package dev.hearth.gateway.discovery;

import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Malformed;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A home with no devices.yaml at all, on Mosquitto: the retained Zigbee2MQTT {@code bridge/devices} of real models
 * brings every device up, their native payloads are read as typed values, commands go out in Zigbee2MQTT's JSON on
 * {@code <base>/<friendly_name>/set}, and renames, removals and the bridge going offline are followed live.
 */
class Zigbee2MqttDiscoveryEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    static byte[] fixture() {
        try (InputStream in = Zigbee2MqttDiscoveryEndToEndTest.class.getResourceAsStream("/discovery/zigbee2mqtt/bridge-devices.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Gateway startWithoutDevicesFile(Path dir, String brokerUrl) throws Exception {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), TestHome.externalBroker(brokerUrl, "30s"));
        GatewayConfig config = new ConfigLoader(Map.of()).load(dir);
        assertThat(config.devices()).isEmpty();
        Gateway gateway = Gateway.start(config, List.of());
        assertThat(gateway.awaitConnected(Duration.ofSeconds(20))).isTrue();
        return gateway;
    }

    private static Optional<Value> value(Gateway gateway, String device, String attribute) {
        return gateway.registry().state(new DeviceId(device)).flatMap(s -> s.value(attribute));
    }

    private static void command(Gateway gateway, String device, String attribute, Value value) {
        gateway.vertx().eventBus().request(Addresses.DEVICE_COMMAND, new CommandRequested(new DeviceId(device), Map.of(attribute, value), "test"))
                .toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void everyDeviceComesUpWithTypedValuesAndIsCommandedInItsNativeForm() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient bridge = new SimClient(broker.url(), "z2m-bridge")) {
            bridge.start();
            assertThat(bridge.awaitConnected(WAIT)).isTrue();
            bridge.publish("zigbee2mqtt/bridge/state", "{\"state\":\"online\"}", 1, true);
            bridge.publish("zigbee2mqtt/bridge/devices", fixture(), 1, true);
            List<String> commands = new CopyOnWriteArrayList<>();
            bridge.subscribe("zigbee2mqtt/+/+/set", (t, p) -> commands.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            bridge.subscribe("zigbee2mqtt/+/set", (t, p) -> commands.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            try (Gateway gateway = startWithoutDevicesFile(dir, broker.url())) {
                await().atMost(WAIT).until(() -> gateway.registry().specs().size() == 8);
                await().atMost(WAIT).until(() -> gateway.bridge().ready());

                Map<String, String> reports = Map.of(
                        "Hallway Motion", "{\"battery\":100,\"illuminance\":381,\"occupancy\":true,\"voltage\":3005,\"device_temperature\":23}",
                        "Living Room/TRV", "{\"current_heating_setpoint\":21,\"local_temperature\":19.5,\"system_mode\":\"heat\",\"child_lock\":\"UNLOCK\",\"preset\":\"manual\"}",
                        "Living Room/Bulb", "{\"state\":\"ON\",\"brightness\":200,\"color_temp\":370,\"color\":{\"x\":0.46,\"y\":0.41}}",
                        "Bedroom/Climate", "{\"temperature\":21.37,\"humidity\":48.2,\"battery\":87}",
                        "Front Door", "{\"contact\":false,\"battery\":91}",
                        "Kitchen/Coffee Plug", "{\"state\":\"OFF\",\"power\":0,\"energy\":12.41,\"current\":0,\"voltage\":231}",
                        "Bedroom/Blind", "{\"position\":40,\"battery\":65}");
                // Retained, as Zigbee2MQTT's retain option keeps them: they arrive whenever the new subscriptions are confirmed.
                reports.forEach((device, json) -> bridge.publish("zigbee2mqtt/" + device, json, 1, true));
                bridge.publish("zigbee2mqtt/Living Room/TRV/availability", "{\"state\":\"online\"}", 1, true);

                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(value(gateway, "hallway_motion", "occupancy")).contains(Value.of(true));
                    assertThat(value(gateway, "hallway_motion", "illuminance")).contains(Value.of(381));
                    assertThat(value(gateway, "living_room_trv", "current_heating_setpoint")).contains(Value.of(21));
                    assertThat(value(gateway, "living_room_trv", "system_mode")).contains(Value.of("heat"));
                    assertThat(value(gateway, "living_room_bulb", "brightness")).contains(Value.of(200));
                    assertThat(value(gateway, "bedroom_climate", "humidity")).contains(Value.of(48.2));
                    assertThat(value(gateway, "front_door", "contact")).contains(Value.of(false));
                    assertThat(value(gateway, "kitchen_coffee_plug", "energy")).contains(Value.of(12.41));
                    assertThat(value(gateway, "bedroom_blind", "position")).contains(Value.of(40));
                    assertThat(gateway.registry().state(new DeviceId("living_room_trv")).orElseThrow().availability())
                            .isEqualTo(Availability.ONLINE);
                });

                command(gateway, "living_room_trv", "current_heating_setpoint", Value.of(22.5));
                command(gateway, "kitchen_coffee_plug", "state", Value.of("ON"));
                command(gateway, "bedroom_blind", "position", Value.of(80));
                command(gateway, "living_room_bulb", "brightness", Value.of(120));
                await().atMost(WAIT).untilAsserted(() -> assertThat(commands).contains(
                        "zigbee2mqtt/Living Room/TRV/set {\"current_heating_setpoint\":22.5}",
                        "zigbee2mqtt/Kitchen/Coffee Plug/set {\"state\":\"ON\"}",
                        "zigbee2mqtt/Bedroom/Blind/set {\"position\":80}",
                        "zigbee2mqtt/Living Room/Bulb/set {\"brightness\":120}"));
                assertThat(gateway.registry().spec(new DeviceId("hallway_motion")).orElseThrow().acceptsCommands()).isFalse();
            }
        }
    }

    @Test
    void aDeviceWhoseReportCameBeforeTheGatewayListenedIsAskedForItsStateOnceDiscovered() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient bridge = new SimClient(broker.url(), "z2m-bridge")) {
            bridge.start();
            assertThat(bridge.awaitConnected(WAIT)).isTrue();
            bridge.publish("zigbee2mqtt/bridge/devices", fixture(), 1, true);
            // Zigbee2MQTT answers <friendly_name>/get with the device's state on its own topic
            // (https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html#zigbee2mqtt-friendly-name-get).
            List<String> reads = new CopyOnWriteArrayList<>();
            bridge.subscribe("zigbee2mqtt/#", (t, p) -> {
                if (!t.endsWith("/get")) return;
                reads.add(t + " " + new String(p, StandardCharsets.UTF_8));
                if (t.equals("zigbee2mqtt/Living Room/Bulb/get")) {
                    bridge.publish("zigbee2mqtt/Living Room/Bulb", "{\"state\":\"ON\",\"brightness\":200}", 1, false);
                }
            });
            // Reported while no gateway listened (Zigbee2MQTT does not retain states by default): nobody heard it.
            bridge.publish("zigbee2mqtt/Living Room/Bulb", "{\"state\":\"OFF\",\"brightness\":3}", 1, false);
            assertThat(bridge.awaitIdle(WAIT)).isTrue();

            try (Gateway gateway = startWithoutDevicesFile(dir, broker.url())) {
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(value(gateway, "living_room_bulb", "state")).contains(Value.of("ON"));
                    assertThat(value(gateway, "living_room_bulb", "brightness")).contains(Value.of(200));
                });
                await().atMost(WAIT).untilAsserted(() -> assertThat(reads).anyMatch(r -> r.startsWith("zigbee2mqtt/Kitchen/Coffee Plug/get")));
                // State only, never settings (category config), and nothing asked of a sensor that cannot be read.
                assertThat(reads).filteredOn(r -> r.startsWith("zigbee2mqtt/Living Room/Bulb/get")).singleElement().asString()
                        .contains("\"state\":\"\"", "\"brightness\":\"\"", "\"color_temp\":\"\"").doesNotContain("power_on_behavior");
                assertThat(reads).filteredOn(r -> r.startsWith("zigbee2mqtt/Kitchen/Coffee Plug/get")).singleElement().asString()
                        .contains("\"state\":\"\"").doesNotContain("indicator_mode", "power_outage_memory");
                assertThat(reads).noneMatch(r -> r.startsWith("zigbee2mqtt/Hallway Motion/"));
            }
        }
    }

    @Test
    void renamesRemovalsAndTheBridgeGoingOfflineAreFollowedLiveAndAMalformedDocumentKeepsTheHome() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient bridge = new SimClient(broker.url(), "z2m-bridge")) {
            bridge.start();
            assertThat(bridge.awaitConnected(WAIT)).isTrue();
            try (Gateway gateway = startWithoutDevicesFile(dir, broker.url())) {
                bridge.publish("zigbee2mqtt/bridge/devices", fixture(), 1, true);
                await().atMost(WAIT).until(() -> gateway.registry().specs().size() == 8);
                // Sent until it arrives: the device's subscription follows its discovery.
                await().atMost(WAIT).until(() -> {
                    bridge.publish("zigbee2mqtt/Front Door", "{\"contact\":true}", 1, false);
                    return value(gateway, "front_door", "contact").isPresent();
                });

                bridge.publish("zigbee2mqtt/bridge/devices", "[{\"ieee_address\":", 1, true);
                await().atMost(WAIT).until(() -> gateway.registry().malformed().count(Malformed.BAD_DISCOVERY) == 1);
                assertThat(gateway.registry().specs()).hasSize(8);

                String renamed = new String(fixture(), StandardCharsets.UTF_8).replace("\"Front Door\"", "\"Porch/Door\"");
                bridge.publish("zigbee2mqtt/bridge/devices", renamed, 1, true);
                await().atMost(WAIT).until(() -> gateway.registry().spec(new DeviceId("porch_door")).isPresent());
                assertThat(gateway.registry().spec(new DeviceId("front_door"))).isEmpty();
                assertThat(value(gateway, "porch_door", "contact")).as("state follows the rename").contains(Value.of(true));
                await().atMost(WAIT).until(() -> {
                    bridge.publish("zigbee2mqtt/Porch/Door", "{\"contact\":false}", 1, false);
                    return value(gateway, "porch_door", "contact").equals(Optional.of(Value.of(false)));
                });

                String withoutBlind = renamed.substring(0, renamed.lastIndexOf(",\n {")) + "\n]";
                bridge.publish("zigbee2mqtt/bridge/devices", withoutBlind, 1, true);
                await().atMost(WAIT).until(() -> gateway.registry().spec(new DeviceId("bedroom_blind")).isEmpty());
                assertThat(gateway.registry().specs()).hasSize(7);

                bridge.publish("zigbee2mqtt/bridge/state", "offline", 1, true);
                await().atMost(WAIT).untilAsserted(() -> assertThat(gateway.registry().specs()).allSatisfy(d ->
                        assertThat(gateway.registry().state(d.id()).orElseThrow().availability()).isEqualTo(Availability.OFFLINE)));
            }
        }
    }

    /**
     * The "done when" of issue 15: a home of 50 devices (the fixture's eight real models, repeated under new names and
     * addresses) from one retained bridge/devices, with each device's retained state already on the broker, and no
     * devices.yaml. Measured from the document's publication to the last device's value; docs/benchmarks.md has the
     * figures. The 2 s of the issue is asserted for the devices being known (measured 0.4-0.7 s on a loaded 2-core machine); the
     * time until every retained state is in is printed.
     */
    @Test
    void fiftyDevicesFromOneDocumentAreUpWithTheirRetainedState() throws Exception {
        JsonArray fixture = new JsonArray(new String(fixture(), StandardCharsets.UTF_8));
        List<JsonObject> real = fixture.stream().skip(1).map(JsonObject.class::cast).toList();
        JsonArray home = new JsonArray().add(fixture.getValue(0));
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient bridge = new SimClient(broker.url(), "z2m-bridge")) {
            bridge.start();
            assertThat(bridge.awaitConnected(WAIT)).isTrue();
            for (int i = 0; i < 50; i++) {
                JsonObject device = real.get(i % real.size()).copy();
                String name = "Room " + (i / 5) + "/" + device.getString("friendly_name").replace('/', ' ') + " " + i;
                home.add(device.put("friendly_name", name).put("ieee_address", String.format("0x00158d00%08x", i)));
                bridge.publish("zigbee2mqtt/" + name, "{\"battery\":" + (50 + i) + ",\"state\":\"OFF\",\"position\":" + i + ",\"local_temperature\":20}", 1, true);
            }
            try (Gateway gateway = startWithoutDevicesFile(dir, broker.url())) {
                long start = System.nanoTime();
                bridge.publish("zigbee2mqtt/bridge/devices", home.encode(), 1, true);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> gateway.registry().specs().size() == 50);
                long known = (System.nanoTime() - start) / 1_000_000;
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> gateway.registry().specs().stream().allMatch(d -> !gateway.registry().state(d.id()).orElseThrow().attributes().isEmpty()));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("50 Zigbee2MQTT devices known %d ms and up with their retained state %d ms after bridge/devices%n", known, millis);
                // The issue's acceptance criterion. Measured 368-696 ms known, 413-876 ms with state, at a load average of 15 on 2 cores.
                assertThat(known).as("ms from bridge/devices until all 50 devices are known").isLessThan(2000);
            }
        }
    }
}
