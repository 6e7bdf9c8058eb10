package dev.hearth.gateway.uplink;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One answer to a remote command, sent to its response topic with its correlation data: {@code accepted} (the
 * gateway took it: validated and handed to the local broker, or the automation changed), {@code refused} with a
 * {@code reason} code and a message, then for a device command {@code delivered} (the device confirmed it) or
 * {@code failed} (it never did).
 */
public record RemoteReply(Status status, Optional<Reason> reason, String message) {

    public enum Status { ACCEPTED, REFUSED, DELIVERED, FAILED }

    /** Why a command was refused. */
    public enum Reason { NOT_ALLOWED, INVALID, UNKNOWN, EXPIRED, DUPLICATE, BUSY }

    static RemoteReply accepted(String message) {
        return new RemoteReply(Status.ACCEPTED, Optional.empty(), message);
    }

    static RemoteReply refused(Reason reason, String message) {
        return new RemoteReply(Status.REFUSED, Optional.of(reason), message);
    }

    byte[] json() {
        JsonObject o = new JsonObject().put("status", name(status));
        reason.ifPresent(r -> o.put("reason", name(r)));
        if (!message.isEmpty()) o.put("message", message);
        return o.encode().getBytes(StandardCharsets.UTF_8);
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
