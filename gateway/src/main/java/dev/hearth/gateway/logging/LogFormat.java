package dev.hearth.gateway.logging;

import java.util.Optional;

/** {@code logging.format} in gateway.yaml: lines for people (the default), or JSON, an object a line, for log shippers. */
public enum LogFormat {
    TEXT, JSON;

    public static Optional<LogFormat> named(String name) {
        return switch (name) {
            case "text" -> Optional.of(TEXT);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
