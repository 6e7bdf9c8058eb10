package dev.hearth.sim.device;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Lenient reading of command values: JSON numbers arrive as Integer or Double, plain values as text. */
final class Attributes {
    private Attributes() {
    }

    static Optional<Double> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<String> upper(Object value) {
        return value instanceof String s ? Optional.of(s.trim().toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    static Optional<String> lower(Object value) {
        return value instanceof String s ? Optional.of(s.trim().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** A colour as CIE {@code {x, y}} (each 0-1, four decimals), from a JSON object; other colour forms are ignored. */
    static Optional<Map<String, Object>> xy(Object value) {
        Map<?, ?> color = value instanceof JsonObject json ? json.getMap() : value instanceof Map<?, ?> m ? m : Map.of();
        Optional<Double> x = number(color.get("x"));
        Optional<Double> y = number(color.get("y"));
        if (x.isEmpty() || y.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Map.of("x", fourDecimals(clamp(x.get(), 0, 1)), "y", fourDecimals(clamp(y.get(), 0, 1))));
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double fourDecimals(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    static double oneDecimal(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
