package dev.hearth.gateway.uplink;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The retained health summary a gateway keeps at {@code <fleet_prefix>/<gateway_id>/health}: one subscription on
 * {@code <fleet_prefix>/+/health} gives an operator the whole fleet.
 */
record FleetHealth(String gateway, String version, int devicesOnline, int devicesOffline, int devicesUnknown,
                   long localBacklog, long uplinkBacklog, Optional<Instant> linkUpSince, Optional<Problem> lastError,
                   int automations, int automationsPaused) {

    /** The newest thing that went wrong, in words. */
    record Problem(Instant at, String message) {
    }

    byte[] json(Instant now) {
        JsonObject o = new JsonObject().put("gateway", gateway).put("version", version).put("at", now.toString())
                .put("devices", new JsonObject().put("online", devicesOnline).put("offline", devicesOffline).put("unknown", devicesUnknown))
                .put("outbox", new JsonObject().put("local", localBacklog).put("uplink", uplinkBacklog))
                .put("link", linkUpSince.map(since -> new JsonObject().put("up_since", since.toString())
                        .put("uptime_s", Duration.between(since, now).toSeconds())).orElse(null))
                .put("last_error", lastError.map(p -> new JsonObject().put("at", p.at().toString()).put("message", p.message())).orElse(null))
                .put("automations", new JsonObject().put("total", automations).put("paused", automationsPaused));
        return o.encode().getBytes(StandardCharsets.UTF_8);
    }
}
