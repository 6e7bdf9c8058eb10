package dev.hearth.sim.device;

import java.util.Locale;
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

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    static double oneDecimal(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
