package dev.hearth.gateway.yaml;

import java.util.Objects;

/** A password read from the environment or a secrets file. Never printed. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
