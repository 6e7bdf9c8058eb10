package dev.hearth.gateway.web;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.AttributeState;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.history.HistoryPoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A device as the API shows it: what it is (spec) and what it reports (state), attribute by attribute. */
final class DeviceJson {
    private DeviceJson() {
    }

    /** {@code hidden}: devices.yaml leaves it off the dashboard. */
    static JsonObject device(DeviceSpec spec, DeviceState state, boolean hidden) {
        JsonObject attributes = new JsonObject();
        Map<String, AttributeSpec> sorted = new TreeMap<>(spec.attributes());
        sorted.forEach((name, a) -> attributes.put(name, attribute(a, state.attributes().get(name))));
        return new JsonObject()
                .put("id", spec.id().value())
                .put("name", spec.name())
                .put("room", spec.room())
                .put("kind", spec.kind().yamlName())
                .put("availability", state.availability().name().toLowerCase(Locale.ROOT))
                .put("lastSeen", state.lastSeen().map(Object::toString).orElse(null))
                .put("acceptsCommands", spec.acceptsCommands())
                .put("hidden", hidden)
                .put("attributes", attributes);
    }

    private static JsonObject attribute(AttributeSpec a, AttributeState s) {
        JsonObject json = describe(a)
                .put("value", s == null ? null : s.value().plain())
                .put("lastChanged", s == null ? null : s.lastChanged().toString())
                .put("lastUpdated", s == null ? null : s.lastUpdated().toString());
        return json;
    }

    /** What an attribute is: type, access, range, step, options; a composite's members the same way. */
    private static JsonObject describe(AttributeSpec a) {
        JsonObject json = new JsonObject()
                .put("type", a.type().yamlName())
                .put("writable", a.writable())
                .put("reported", a.reported());
        if (!a.unit().isEmpty()) json.put("unit", a.unit());
        if (Double.isFinite(a.min())) json.put("min", a.min());
        if (Double.isFinite(a.max())) json.put("max", a.max());
        if (a.step() > 0) json.put("step", a.step());
        if (!a.options().isEmpty()) json.put("options", new JsonArray(a.options()));
        if (!a.members().isEmpty()) {
            JsonObject members = new JsonObject();
            a.members().forEach(m -> members.put(m.name(), describe(m)));
            json.put("members", members);
        }
        return json;
    }

    /** History grouped by attribute: {@code {"temperature": [[epochMillis, 21.5], …]}}, oldest first. */
    static JsonObject history(List<HistoryPoint> points) {
        JsonObject json = new JsonObject();
        for (HistoryPoint p : points) {
            JsonArray series = json.getJsonArray(p.attribute());
            if (series == null) json.put(p.attribute(), series = new JsonArray());
            series.add(new JsonArray().add(p.at().toEpochMilli()).add(p.value().plain()));
        }
        return json;
    }
}
