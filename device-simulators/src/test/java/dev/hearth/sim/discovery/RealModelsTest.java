package dev.hearth.sim.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.ContactSensor;
import dev.hearth.sim.device.DeviceKind;
import dev.hearth.sim.device.DeviceSpec;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.IlluminanceSensor;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.device.Plug;
import dev.hearth.sim.device.SimulatedDevice;
import dev.hearth.sim.device.TemperatureSensor;
import dev.hearth.sim.device.Thermostat;
import dev.hearth.sim.mqtt.Probe;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 11: each simulated device is a named real model in the bridge document (the definition Zigbee2MQTT
 * publishes for it), and what it publishes, commanded or not, is what that model exposes, within its ranges.
 */
class RealModelsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Map<DeviceKind, String> MODELS = Map.of(DeviceKind.MOTION, "Aqara RTCGQ11LM",
            DeviceKind.CONTACT, "Aqara MCCGQ11LM", DeviceKind.TEMPERATURE, "SONOFF SNZB-02",
            DeviceKind.ILLUMINANCE, "Xiaomi GZCGQ01LM", DeviceKind.LIGHT, "IKEA LED1624G9",
            DeviceKind.PLUG, "Tuya TS011F_plug_1", DeviceKind.THERMOSTAT, "Tuya TS0601_thermostat");

    @Test
    void theBridgeDocumentNamesTheRealModelOfEverySimulatedDevice() {
        List<DeviceSpec> specs = new ArrayList<>();
        for (DeviceKind kind : DeviceKind.values()) {
            specs.add(new DeviceSpec(kind.yamlName(), "home", kind, DeviceTopics.zigbee2mqtt("zigbee2mqtt/" + kind.yamlName()),
                    Duration.ofMinutes(1), Duration.ZERO));
        }
        JsonArray devices = new JsonArray(Zigbee2MqttBridge.announce("zigbee2mqtt", specs).get(1).payload());

        Map<String, String> models = new LinkedHashMap<>();
        for (Object o : devices.stream().skip(1).toList()) {
            JsonObject device = (JsonObject) o;
            JsonObject definition = device.getJsonObject("definition");
            models.put(device.getString("friendly_name"), definition.getString("vendor") + " " + definition.getString("model"));
            assertThat(device.getString("model_id")).as(device.getString("friendly_name")).isNotBlank();
            assertThat(definition.getJsonArray("exposes")).isNotEmpty();
        }
        Map<String, String> expected = new LinkedHashMap<>();
        MODELS.forEach((kind, model) -> expected.put(kind.yamlName(), model));
        assertThat(models).containsExactlyInAnyOrderEntriesOf(expected);
        JsonObject valve = devices.getJsonObject(1 + DeviceKind.THERMOSTAT.ordinal()).getJsonObject("definition");
        assertThat(valve.getJsonArray("exposes").stream().map(e -> ((JsonObject) e).getString("type")).toList())
                .as("the valve's controls are a climate expose").contains("climate");
    }

    @Test
    void whatEachSimulatedDevicePublishesIsWhatItsModelExposesWithinItsRanges() {
        try (MosquittoBroker broker = MosquittoBroker.start(); Probe probe = Probe.on(broker.url(), "#")) {
            List<SimulatedDevice> devices = new ArrayList<>();
            try {
                Map<DeviceKind, DeviceTopics> topics = new LinkedHashMap<>();
                start(broker, devices, topics, DeviceKind.MOTION, MotionSensor::new);
                start(broker, devices, topics, DeviceKind.CONTACT, ContactSensor::new);
                start(broker, devices, topics, DeviceKind.TEMPERATURE, TemperatureSensor::new);
                start(broker, devices, topics, DeviceKind.ILLUMINANCE, IlluminanceSensor::new);
                start(broker, devices, topics, DeviceKind.LIGHT, Light::new);
                start(broker, devices, topics, DeviceKind.PLUG, Plug::new);
                start(broker, devices, topics, DeviceKind.THERMOSTAT, Thermostat::new);
                await().atMost(TIMEOUT).until(() -> topics.values().stream().allMatch(t -> probe.lastOn(t.stateTopic()) != null));
                topics.forEach((kind, t) -> assertExposed(kind, probe.lastOn(t.stateTopic())));

                probe.client().publish(topics.get(DeviceKind.LIGHT).commandFilter(),
                        "{\"state\":\"ON\",\"color_temp\":100,\"color\":{\"x\":0.7,\"y\":0.3}}");
                probe.client().publish(topics.get(DeviceKind.THERMOSTAT).commandFilter(),
                        "{\"system_mode\":\"auto\",\"current_heating_setpoint\":40}");
                probe.client().publish(topics.get(DeviceKind.PLUG).commandFilter(), "{\"state\":\"ON\"}");
                await().atMost(TIMEOUT).until(() -> probe.lastOn(topics.get(DeviceKind.LIGHT).stateTopic()).contains("color\"")
                        && probe.lastOn(topics.get(DeviceKind.THERMOSTAT).stateTopic()).contains("auto")
                        && probe.lastOn(topics.get(DeviceKind.PLUG).stateTopic()).contains("ON"));
                topics.forEach((kind, t) -> assertExposed(kind, probe.lastOn(t.stateTopic())));
                assertThat(new JsonObject(probe.lastOn(topics.get(DeviceKind.THERMOSTAT).stateTopic())).getDouble("current_heating_setpoint"))
                        .as("the valve's own maximum").isEqualTo(35.0);
            } finally {
                devices.forEach(SimulatedDevice::shutdown);
            }
        }
    }

    private static <D extends SimulatedDevice> void start(MosquittoBroker broker, List<SimulatedDevice> devices,
            Map<DeviceKind, DeviceTopics> topics, DeviceKind kind, BiFunction<SimClient, DeviceTopics, D> factory) {
        DeviceTopics t = DeviceTopics.zigbee2mqtt("zigbee2mqtt/models_" + kind.yamlName());
        topics.put(kind, t);
        devices.add(factory.apply(new SimClient(broker.url(), "models-" + kind.yamlName() + "-" + System.nanoTime()), t).start());
    }

    private static void assertExposed(DeviceKind kind, String payload) {
        new JsonObject(payload).forEach(field -> {
            String where = kind + " publishes " + field.getKey() + "=" + field.getValue();
            JsonObject expose = RealModels.expose(kind, field.getKey()).orElse(null);
            assertThat(expose).as(where + ", which its model does not expose").isNotNull();
            assertThat(expose.getInteger("access") & 1).as(where + ": published").isEqualTo(1);
            assertValueFits(expose, field.getValue(), where);
        });
    }

    private static void assertValueFits(JsonObject expose, Object value, String where) {
        switch (expose.getString("type")) {
            case "binary" -> assertThat(value).as(where).isIn(expose.getValue("value_on"), expose.getValue("value_off"));
            case "enum" -> assertThat(expose.getJsonArray("values").getList()).as(where).contains(value);
            case "numeric" -> {
                assertThat(value).as(where).isInstanceOf(Number.class);
                double v = ((Number) value).doubleValue();
                if (expose.containsKey("value_min")) assertThat(v).as(where).isGreaterThanOrEqualTo(expose.getDouble("value_min"));
                if (expose.containsKey("value_max")) assertThat(v).as(where).isLessThanOrEqualTo(expose.getDouble("value_max"));
            }
            case "composite" -> {
                JsonObject members = (JsonObject) value;
                List<String> features = expose.getJsonArray("features").stream().map(f -> ((JsonObject) f).getString("property")).toList();
                assertThat(features).as(where).containsAll(members.fieldNames());
            }
            default -> throw new AssertionError(where + ": unexpected expose type " + expose.getString("type"));
        }
    }
}
