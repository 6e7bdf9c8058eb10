package dev.hearth.gateway.web;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns the bus records (runs, traces, listings, statuses) into JSON by their components, so the API
 * follows when a record gains a field: the dashboard renders traces generically. Instants are ISO-8601,
 * durations milliseconds, enums lower case; a record that implements a sealed interface also gets
 * {@code "type"}: its simple name.
 */
final class RecordJson {
    private RecordJson() {
    }

    static Object toJson(Object o) {
        if (o == null || o instanceof String || o instanceof Boolean || o instanceof Number) return o;
        if (o instanceof Value v) return v.plain();
        if (o instanceof DeviceId d) return d.value();
        if (o instanceof Instant i) return i.toString();
        if (o instanceof Duration d) return d.toMillis();
        if (o instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
        if (o instanceof Optional<?> opt) return opt.map(RecordJson::toJson).orElse(null);
        if (o instanceof OptionalDouble d) return d.isPresent() ? d.getAsDouble() : null;
        if (o instanceof Collection<?> c) return array(c);
        if (o instanceof Map<?, ?> m) return object(m);
        if (o.getClass().isRecord()) return record((Record) o);
        return o.toString();
    }

    static JsonObject record(Record r) {
        JsonObject json = new JsonObject();
        if (isSealedMember(r.getClass())) json.put("type", r.getClass().getSimpleName());
        for (RecordComponent c : r.getClass().getRecordComponents()) json.put(c.getName(), toJson(component(r, c)));
        return json;
    }

    private static JsonArray array(Collection<?> c) {
        JsonArray a = new JsonArray();
        c.forEach(x -> a.add(toJson(x)));
        return a;
    }

    private static JsonObject object(Map<?, ?> m) {
        JsonObject json = new JsonObject();
        m.forEach((k, v) -> json.put(String.valueOf(toJson(k)), toJson(v)));
        return json;
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isSealedMember(Class<?> type) {
        for (Class<?> i : type.getInterfaces()) if (i.isSealed()) return true;
        return false;
    }
}
