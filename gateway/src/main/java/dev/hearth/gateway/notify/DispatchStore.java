package dev.hearth.gateway.notify;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Session;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table {@code notify_queue}: dispatches not yet delivered, a row each (its request, expiry and attempts as JSON),
 * so that a restart or a long outage loses none. Blocking: call it off the event loop.
 */
public final class DispatchStore {
    private static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE notify_queue (id BIGINT PRIMARY KEY, body CHARACTER LARGE OBJECT NOT NULL)");

    private final Session session;

    public DispatchStore(Database database) {
        this.session = database.session("notify");
        session.migrate("notify", MIGRATIONS);
    }

    /** Inserts or replaces the row of a dispatch, {@code body} being its {@link #encode}d JSON. */
    void save(long id, String body) {
        session.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("MERGE INTO notify_queue KEY (id) VALUES (?, ?)")) {
                s.setLong(1, id);
                s.setString(2, body);
                s.executeUpdate();
            }
            return null;
        });
    }

    void delete(long id) {
        session.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM notify_queue WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    List<Pending> all() {
        return session.transaction(c -> {
            List<Pending> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, body FROM notify_queue ORDER BY id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(decode(r.getLong(1), new JsonObject(r.getString(2))));
            }
            return out;
        });
    }

    static JsonObject encode(Pending p) {
        Dispatch d = p.dispatch;
        JsonObject request = new JsonObject();
        if (d.request() instanceof Dispatch.Notification n) {
            request.put("type", "notify").put("service", n.service()).put("message", n.message());
            n.title().ifPresent(t -> request.put("title", t));
        } else {
            Dispatch.HttpCall h = (Dispatch.HttpCall) d.request();
            request.put("type", "http").put("method", h.method()).put("url", h.url())
                    .put("headers", new JsonObject(new LinkedHashMap<>(h.headers()))).put("ttl", h.ttl().toMillis());
            h.body().ifPresent(b -> request.put("body", b));
        }
        JsonArray steps = new JsonArray();
        p.steps.forEach(s -> steps.add(new JsonObject().put("action", s.action()).put("outcome", s.outcome())
                .put("at", s.at().toString()).put("millis", s.millis())));
        return new JsonObject().put("automation", d.automation()).put("run", d.runStarted().toString())
                .put("queued", p.queued.toString()).put("expires", p.expires.toString()).put("request", request).put("steps", steps);
    }

    static Pending decode(long id, JsonObject o) {
        JsonObject r = o.getJsonObject("request");
        Dispatch.Request request;
        if (r.getString("type").equals("notify")) {
            request = new Dispatch.Notification(r.getString("service"), Optional.ofNullable(r.getString("title")), r.getString("message"));
        } else {
            Map<String, String> headers = new LinkedHashMap<>();
            r.getJsonObject("headers").forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
            request = new Dispatch.HttpCall(r.getString("method"), r.getString("url"), headers, Optional.ofNullable(r.getString("body")),
                    Duration.ofMillis(r.getLong("ttl")));
        }
        List<AutomationRun.Step> steps = new ArrayList<>();
        o.getJsonArray("steps").forEach(x -> {
            JsonObject s = (JsonObject) x;
            steps.add(new AutomationRun.Step(s.getString("action"), s.getString("outcome"), Instant.parse(s.getString("at")), s.getLong("millis")));
        });
        return new Pending(id, new Dispatch(o.getString("automation"), Instant.parse(o.getString("run")), request),
                Instant.parse(o.getString("queued")), Instant.parse(o.getString("expires")), steps);
    }
}
