package dev.hearth.sim.discovery;

import dev.hearth.sim.device.Convention;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Publication;
import dev.hearth.sim.device.DeviceSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Home Assistant MQTT discovery: one retained config message per entity on
 * {@code <prefix>/<component>/<node_id>/<object_id>/config}, pointing at the topics and templates the
 * simulated device really uses (JSON templates for Zigbee2MQTT, one topic per value otherwise).
 */
public final class HomeAssistantDiscovery {
    public static final String DEFAULT_PREFIX = "homeassistant";
    /** The setpoint of the Tuya valve the thermostat imitates. */
    private static final String SETPOINT = "current_heating_setpoint";
    private static final Map<String, String> DEVICE_CLASSES = Map.of("occupancy", "occupancy", "contact", "door",
            "temperature", "temperature", "humidity", "humidity", "battery", "battery", "illuminance", "illuminance",
            "power", "power", "energy", "energy");

    private HomeAssistantDiscovery() {
    }

    public static List<Publication> announce(String prefix, List<DeviceSpec> devices) {
        List<Publication> out = new ArrayList<>();
        for (DeviceSpec d : devices) {
            for (Entity e : entities(d)) {
                String topic = prefix + "/" + e.component() + "/" + node(d) + "/" + e.objectId() + "/config";
                out.add(new Publication(topic, e.config().encode(), true));
            }
        }
        return out;
    }

    private record Entity(String component, String objectId, JsonObject config) {
    }

    private static List<Entity> entities(DeviceSpec d) {
        List<Exposure> exposures = Exposure.of(d.kind());
        return switch (d.kind()) {
            case LIGHT -> List.of(light(d));
            case THERMOSTAT -> List.of(climate(d));
            case PLUG -> List.of(plugSwitch(d), sensor(d, exposures.get(1)), sensor(d, exposures.get(2)));
            default -> exposures.stream()
                    .map(e -> e.type() == Exposure.Type.BINARY ? binarySensor(d, e) : sensor(d, e)).toList();
        };
    }

    private static Entity binarySensor(DeviceSpec d, Exposure e) {
        // The real model's on value is Home Assistant's on: a contact's value_on is false (open, a door's "on").
        Object on = json(d) ? e.values().get(0) : String.valueOf(e.values().get(0));
        Object off = json(d) ? e.values().get(1) : String.valueOf(e.values().get(1));
        JsonObject c = base(d, e.attribute()).put("payload_on", on).put("payload_off", off);
        state(c, "", d, e.attribute());
        return new Entity("binary_sensor", e.attribute(), classify(c, e.attribute()));
    }

    private static Entity sensor(DeviceSpec d, Exposure e) {
        JsonObject c = base(d, e.attribute()).put("state_class", "measurement");
        if (!e.unit().isEmpty()) {
            c.put("unit_of_measurement", e.unit());
        }
        if (e.attribute().equals("energy")) {
            c.put("state_class", "total_increasing");
        }
        if (e.attribute().equals("battery")) {
            c.put("entity_category", "diagnostic");
        }
        state(c, "", d, e.attribute());
        return new Entity("sensor", e.attribute(), classify(c, e.attribute()));
    }

    private static Entity light(DeviceSpec d) {
        DeviceTopics t = d.topics();
        JsonObject c = base(d, "light").put("brightness_scale", 254);
        List<Double> mireds = exposure(d, "color_temp").range();
        if (json(d)) {
            c.put("schema", "json").put("state_topic", t.stateTopic()).put("command_topic", t.commandTopic("state"))
                    .put("brightness", true).put("supported_color_modes", new JsonArray().add("xy").add("color_temp"))
                    .put("min_mireds", mireds.get(0).intValue()).put("max_mireds", mireds.get(1).intValue());
        } else {
            c.put("state_topic", t.attributeTopic("state")).put("command_topic", t.commandTopic("state"))
                    .put("payload_on", "ON").put("payload_off", "OFF")
                    .put("brightness_state_topic", t.attributeTopic("brightness"))
                    .put("brightness_command_topic", t.commandTopic("brightness"))
                    .put("color_temp_state_topic", t.attributeTopic("color_temp"))
                    .put("color_temp_command_topic", t.commandTopic("color_temp"));
        }
        return new Entity("light", "light", c);
    }

    private static Entity plugSwitch(DeviceSpec d) {
        JsonObject c = base(d, "switch").put("state_on", "ON").put("state_off", "OFF");
        state(c, "", d, "state");
        c.put("command_topic", d.topics().commandTopic("state"));
        if (json(d)) {
            c.put("payload_on", "{\"state\":\"ON\"}").put("payload_off", "{\"state\":\"OFF\"}");
        } else {
            c.put("payload_on", "ON").put("payload_off", "OFF");
        }
        return new Entity("switch", "switch", c);
    }

    private static Entity climate(DeviceSpec d) {
        List<Double> setpoint = exposure(d, SETPOINT).range();
        JsonObject c = base(d, "climate").put("modes", new JsonArray(exposure(d, "system_mode").values()))
                .put("min_temp", setpoint.get(0)).put("max_temp", setpoint.get(1)).put("temp_step", setpoint.get(2));
        state(c, "mode_state_", d, "system_mode");
        state(c, "temperature_state_", d, SETPOINT);
        state(c, "current_temperature_", d, "local_temperature");
        c.put("mode_command_topic", d.topics().commandTopic("system_mode"))
                .put("temperature_command_topic", d.topics().commandTopic(SETPOINT));
        if (json(d)) {
            c.put("mode_command_template", "{\"system_mode\": \"{{ value }}\"}")
                    .put("temperature_command_template", "{\"" + SETPOINT + "\": {{ value }}}")
                    .put("action_topic", d.topics().stateTopic())
                    .put("action_template", "{{ 'heating' if value_json.running_state == 'heat' else 'idle' }}");
        } else {
            c.put("action_topic", d.topics().attributeTopic("running_state"))
                    .put("action_template", "{{ 'heating' if value == 'heat' else 'idle' }}");
        }
        return new Entity("climate", "climate", c);
    }

    private static Exposure exposure(DeviceSpec d, String attribute) {
        return Exposure.of(d.kind()).stream().filter(e -> e.attribute().equals(attribute)).findFirst().orElseThrow();
    }

    /** {@code <prefix>topic} (+ {@code <prefix>template} for JSON) where the attribute's value is read. */
    private static void state(JsonObject c, String prefix, DeviceSpec d, String attribute) {
        if (json(d)) {
            c.put(prefix + (prefix.isEmpty() ? "state_topic" : "topic"), d.topics().stateTopic())
                    .put(prefix + (prefix.isEmpty() ? "value_template" : "template"), "{{ value_json." + attribute + " }}");
        } else {
            c.put(prefix + (prefix.isEmpty() ? "state_topic" : "topic"), d.topics().attributeTopic(attribute));
        }
    }

    private static JsonObject base(DeviceSpec d, String objectId) {
        DeviceTopics t = d.topics();
        JsonObject model = RealModels.entry(d.kind()).getJsonObject("definition");
        JsonObject c = new JsonObject()
                .put("name", objectId.replace('_', ' '))
                .put("object_id", d.id() + "_" + objectId)
                .put("unique_id", node(d) + "_" + objectId + "_hearth_sim")
                .put("availability_topic", t.availabilityTopic())
                .put("payload_available", json(d) ? "online" : t.onlinePayload())
                .put("payload_not_available", json(d) ? "offline" : t.offlinePayload())
                .put("device", new JsonObject().put("identifiers", new JsonArray().add(identifier(d)))
                        .put("name", d.id()).put("manufacturer", model.getString("vendor"))
                        .put("model", model.getString("description") + " (" + model.getString("model") + ")"));
        if (json(d)) {
            // As Zigbee2MQTT writes its own configs, so that a reader of its bridge can tell them apart.
            c.put("availability_template", "{{ value_json.state }}").put("origin", new JsonObject().put("name", "Zigbee2MQTT"));
        }
        return c;
    }

    private static JsonObject classify(JsonObject c, String attribute) {
        String deviceClass = DEVICE_CLASSES.get(attribute);
        return deviceClass == null ? c : c.put("device_class", deviceClass);
    }

    private static boolean json(DeviceSpec d) {
        return d.topics().convention() == Convention.ZIGBEE2MQTT;
    }

    /** Zigbee2MQTT's devices are {@code zigbee2mqtt_<ieee address>} (Zigbee2MQTT's lib/extension/homeassistant.ts). */
    private static String identifier(DeviceSpec d) {
        return json(d) ? "zigbee2mqtt_" + node(d) : node(d);
    }

    private static String node(DeviceSpec d) {
        return Zigbee2MqttBridge.ieeeAddress(d.id());
    }
}
