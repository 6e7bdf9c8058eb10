package dev.hearth.sim.discovery;

import dev.hearth.sim.device.Convention;
import dev.hearth.sim.device.Publication;
import dev.hearth.sim.device.DeviceSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * What a Zigbee2MQTT bridge retains about its network: {@code <base>/bridge/state} and the
 * {@code <base>/bridge/devices} list (friendly name, IEEE address, and the definition of the real model each
 * simulated device imitates, exposes included), for the Zigbee2MQTT devices under {@code <base>/}.
 */
public final class Zigbee2MqttBridge {
    private Zigbee2MqttBridge() {
    }

    public static List<Publication> announce(String base, List<DeviceSpec> devices) {
        JsonArray list = new JsonArray().add(coordinator());
        devices.stream()
                .filter(d -> d.topics().convention() == Convention.ZIGBEE2MQTT)
                .filter(d -> d.topics().base().startsWith(base + "/"))
                .forEach(d -> list.add(device(d, d.topics().base().substring(base.length() + 1))));
        return List.of(new Publication(base + "/bridge/state", new JsonObject().put("state", "online").encode(), true),
                new Publication(base + "/bridge/devices", list.encode(), true));
    }

    /** A stable, made-up IEEE address per device id. */
    static String ieeeAddress(String id) {
        long bits = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        return String.format("0x%016x", bits);
    }

    private static JsonObject coordinator() {
        return new JsonObject().put("ieee_address", "0x00124b0000000000").put("friendly_name", "Coordinator")
                .put("type", "Coordinator").put("supported", true).put("interview_completed", true);
    }

    /** The real model's entry (see {@link RealModels}) under this device's friendly name and IEEE address. */
    private static JsonObject device(DeviceSpec d, String friendlyName) {
        JsonObject model = RealModels.entry(d.kind());
        return new JsonObject()
                .put("ieee_address", ieeeAddress(d.id()))
                .put("type", model.getString("type"))
                .put("supported", true)
                .put("friendly_name", friendlyName)
                .put("disabled", false)
                .put("description", "")
                .put("definition", model.getJsonObject("definition"))
                .put("power_source", model.getString("power_source"))
                .put("model_id", model.getString("model_id"))
                .put("manufacturer", model.getString("manufacturer"))
                .put("interview_completed", true)
                .put("interviewing", false)
                .put("interview_state", "SUCCESSFUL");
    }
}
