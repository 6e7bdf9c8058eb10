package dev.hearth.sim.discovery;

import dev.hearth.sim.device.DeviceKind;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One attribute a simulated device publishes, as the real model it imitates exposes it ({@link RealModels}): its
 * type, whether it can be set, its unit, its values (on/off for binaries, options for enums) and its range. The Home
 * Assistant configs are derived from it.
 */
record Exposure(String attribute, Type type, boolean settable, String unit, List<Object> values, List<Double> range) {
    enum Type { BINARY, NUMERIC, ENUM }

    /** Zigbee2MQTT's access bit for "can be set". */
    private static final int SET = 2;

    /** What each simulated model publishes ({@link DeviceKind#attributes()}), in that order. */
    static List<Exposure> of(DeviceKind kind) {
        return kind.attributes().stream().map(a -> of(RealModels.expose(kind, a)
                .orElseThrow(() -> new IllegalStateException(kind + " publishes " + a + ", which its real model does not expose"))))
                .toList();
    }

    private static Exposure of(JsonObject expose) {
        String property = expose.getString("property");
        boolean settable = (expose.getInteger("access") & SET) != 0;
        String unit = expose.getString("unit", "");
        List<Double> range = expose.containsKey("value_min") && expose.containsKey("value_max")
                ? List.of(expose.getDouble("value_min"), expose.getDouble("value_max"), expose.getDouble("value_step", 1.0))
                : List.of();
        return switch (expose.getString("type")) {
            case "binary" -> new Exposure(property, Type.BINARY, settable, unit,
                    List.of(expose.getValue("value_on"), expose.getValue("value_off")), range);
            case "enum" -> new Exposure(property, Type.ENUM, settable, unit, expose.getJsonArray("values").getList(), range);
            default -> new Exposure(property, Type.NUMERIC, settable, unit, List.of(), range);
        };
    }
}
