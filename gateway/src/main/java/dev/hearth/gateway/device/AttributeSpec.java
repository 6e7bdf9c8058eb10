package dev.hearth.gateway.device;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one attribute of a device is: its type, unit, range or options, and whether the gateway may set it.
 * {@link #accept(Object)} is the single place where a raw payload value becomes a typed {@link Value}.
 */
public record AttributeSpec(String name, ValueType type, String unit, boolean writable,
                            double min, double max, List<String> options) {

    public AttributeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        options = List.copyOf(options);
        if (type == ValueType.ENUM && options.isEmpty()) throw new IllegalArgumentException(name + ": enum needs options");
        if (min > max) throw new IllegalArgumentException(name + ": min > max");
    }

    public static AttributeSpec bool(String name) {
        return new AttributeSpec(name, ValueType.BOOLEAN, "", false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
    }

    public static AttributeSpec number(String name, String unit, double min, double max) {
        return new AttributeSpec(name, ValueType.NUMBER, unit, false, min, max, List.of());
    }

    public static AttributeSpec options(String name, String... options) {
        return new AttributeSpec(name, ValueType.ENUM, "", false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(options));
    }

    public static AttributeSpec text(String name) {
        return new AttributeSpec(name, ValueType.TEXT, "", false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
    }

    public AttributeSpec settable() {
        return new AttributeSpec(name, type, unit, true, min, max, options);
    }

    /**
     * Converts a decoded value (Boolean, Number or String, as JSON or plain text gives it) to this
     * attribute's type; empty with {@code why} describing the mismatch.
     */
    public Optional<Value> accept(Object raw) {
        return switch (type) {
            case BOOLEAN -> toBoolean(raw).map(Value::of);
            case NUMBER -> toNumber(raw).filter(d -> d >= min && d <= max).map(Value::of);
            case ENUM -> toText(raw).flatMap(this::matchOption).map(Value::of);
            case TEXT -> toText(raw).map(Value::of);
        };
    }

    /** What {@link #accept} expects, for error messages. */
    public String expectation() {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case NUMBER -> "a number" + (Double.isInfinite(min) && Double.isInfinite(max) ? "" : " from " + fmt(min) + " to " + fmt(max));
            case ENUM -> "one of " + String.join(", ", options);
            case TEXT -> "text";
        };
    }

    private Optional<String> matchOption(String s) {
        return options.stream().filter(o -> o.equalsIgnoreCase(s)).findFirst();
    }

    private static Optional<Boolean> toBoolean(Object raw) {
        if (raw instanceof Boolean b) return Optional.of(b);
        if (raw instanceof String s) {
            return switch (s.strip().toLowerCase()) {
                case "true", "on", "1", "yes" -> Optional.of(true);
                case "false", "off", "0", "no" -> Optional.of(false);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private static Optional<Double> toNumber(Object raw) {
        if (raw instanceof Number n) return finite(n.doubleValue());
        if (raw instanceof String s) {
            try {
                return finite(Double.parseDouble(s.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> finite(double d) {
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }

    private static Optional<String> toText(Object raw) {
        if (raw instanceof String s) return Optional.of(s);
        if (raw instanceof Boolean || raw instanceof Number) return Optional.of(String.valueOf(raw));
        return Optional.empty();
    }

    private static String fmt(double d) {
        return Value.of(d).toString();
    }
}
