package dev.hearth.sim.discovery;

import dev.hearth.sim.device.Convention;
import dev.hearth.sim.device.Publication;
import dev.hearth.sim.device.DeviceKind;
import dev.hearth.sim.device.DeviceSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a Zigbee2MQTT bridge retains about its network: {@code <base>/bridge/state} and the
 * {@code <base>/bridge/devices} list (friendly name, IEEE address, model and exposes), for the
 * Zigbee2MQTT devices under {@code <base>/}.
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

    private static JsonObject device(DeviceSpec d, String friendlyName) {
        JsonArray exposes = exposes(d.kind());
        boolean mains = switch (d.kind()) {
            case LIGHT, PLUG -> true;
            default -> false;
        };
        return new JsonObject()
                .put("ieee_address", ieeeAddress(d.id()))
                .put("friendly_name", friendlyName)
                .put("type", mains ? "Router" : "EndDevice")
                .put("power_source", mains ? "Mains (single phase)" : "Battery")
                .put("supported", true)
                .put("interview_completed", true)
                .put("definition", new JsonObject()
                        .put("vendor", "Hearth")
                        .put("model", "SIM-" + d.kind().yamlName().toUpperCase(java.util.Locale.ROOT))
                        .put("description", "Simulated " + d.kind().yamlName())
                        .put("exposes", exposes));
    }

    /**
     * As Zigbee2MQTT lists them: a light's, a thermostat's and a plug's controls are the features of one specific
     * expose ({@code light}, {@code climate}, {@code switch}), which is how a reader tells a light from a generic
     * device; the rest are generic exposes beside it.
     */
    private static JsonArray exposes(DeviceKind kind) {
        Optional<String> group = switch (kind) {
            case LIGHT -> Optional.of("light");
            case THERMOSTAT -> Optional.of("climate");
            case PLUG -> Optional.of("switch");
            default -> Optional.empty();
        };
        JsonArray exposes = new JsonArray();
        JsonArray features = new JsonArray();
        for (Exposure e : Exposure.of(kind)) {
            boolean feature = group.isPresent() && (e.settable() || kind == DeviceKind.THERMOSTAT);
            (feature ? features : exposes).add(expose(e));
        }
        group.ifPresent(g -> exposes.add(0, new JsonObject().put("type", g).put("features", features)));
        return exposes;
    }

    private static JsonObject expose(Exposure e) {
        JsonObject json = new JsonObject().put("name", e.attribute()).put("property", e.attribute())
                .put("access", e.settable() ? 7 : 5); // 1 published + 4 gettable, + 2 settable
        switch (e.type()) {
            case BINARY -> json.put("type", "binary").put("value_on", e.values().get(0)).put("value_off", e.values().get(1));
            case NUMERIC -> json.put("type", "numeric");
            case ENUM -> json.put("type", "enum").put("values", new JsonArray(e.values()));
        }
        if (!e.range().isEmpty()) {
            json.put("value_min", e.range().get(0)).put("value_max", e.range().get(1)).put("value_step", e.range().get(2));
        }
        if (!e.unit().isEmpty()) {
            json.put("unit", e.unit());
        }
        return json;
    }
}
