package dev.hearth.sim.discovery;

import dev.hearth.sim.device.DeviceKind;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real Zigbee models the simulated devices imitate, one per kind: their {@code bridge/devices} entry (type, power
 * source, model id, manufacturer) and Zigbee2MQTT definition (model, vendor, description, exposes), as Zigbee2MQTT
 * publishes them (zigbee2mqtt-models.json; its sources are in SOURCE.md beside it).
 */
public final class RealModels {
    private static final JsonObject MODELS = load();

    private RealModels() {
    }

    /** The model's {@code bridge/devices} fields, {@code definition} included; a copy. */
    public static JsonObject entry(DeviceKind kind) {
        return MODELS.getJsonObject(kind.yamlName()).copy();
    }

    /** The expose (or feature of a specific expose such as {@code climate}) that carries {@code property}. */
    public static Optional<JsonObject> expose(DeviceKind kind, String property) {
        return properties(kind).stream().filter(e -> property.equals(e.getString("property"))).findFirst();
    }

    /** Every expose with a property, the features of specific exposes ({@code light}, {@code climate}…) included. */
    public static List<JsonObject> properties(DeviceKind kind) {
        List<JsonObject> out = new ArrayList<>();
        MODELS.getJsonObject(kind.yamlName()).getJsonObject("definition").getJsonArray("exposes")
                .forEach(e -> flatten((JsonObject) e, out));
        return out;
    }

    private static void flatten(JsonObject expose, List<JsonObject> out) {
        if (expose.containsKey("property")) {
            out.add(expose);
        } else if (expose.containsKey("features")) {
            expose.getJsonArray("features").forEach(f -> flatten((JsonObject) f, out));
        }
    }

    private static JsonObject load() {
        try (InputStream in = RealModels.class.getResourceAsStream("zigbee2mqtt-models.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
