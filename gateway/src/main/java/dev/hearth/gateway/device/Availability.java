package dev.hearth.gateway.device;

import java.util.Locale;
import java.util.Optional;

/** Whether a device is reachable, as its availability topic (or its own will message) says. */
public enum Availability {
    UNKNOWN, ONLINE, OFFLINE;

    /** Understands Zigbee2MQTT (online/offline, or {"state":…}), Homie ($state ready/lost/…) and booleans. */
    public static Optional<Availability> parse(String payload) {
        String p = payload.strip();
        if (p.startsWith("{")) {
            int i = p.indexOf("\"state\"");
            if (i < 0) return Optional.empty();
            int colon = p.indexOf(':', i);
            int start = p.indexOf('"', colon + 1);
            int end = start < 0 ? -1 : p.indexOf('"', start + 1);
            if (colon < 0 || start < 0 || end < 0) return Optional.empty();
            p = p.substring(start + 1, end);
        }
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "online", "ready", "true", "1", "alive" -> Optional.of(ONLINE);
            case "offline", "lost", "disconnected", "false", "0", "dead" -> Optional.of(OFFLINE);
            case "init", "sleeping", "alert" -> Optional.of(UNKNOWN);
            default -> Optional.empty();
        };
    }
}
