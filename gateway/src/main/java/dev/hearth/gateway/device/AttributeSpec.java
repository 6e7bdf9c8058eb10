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
    /**
     * The longest text value accepted (payloads may be 64 KiB): what the journal stores for a restart. A longer one is
     * refused at the edge, like a value of the wrong type, rather than kept in memory and lost at the next start.
     */
    public static final int MAX_TEXT = 4096;

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
        // Straight code, no Optional chains or streams: this runs for every attribute of every payload.
        Value v = switch (type) {
            case BOOLEAN -> toBoolean(raw);
            case NUMBER -> inRange(toNumber(raw));
            case ENUM -> matchOption(toText(raw));
            case TEXT -> textValue(toText(raw));
        };
        return Optional.ofNullable(v);
    }

    /** What {@link #accept} expects, for error messages. */
    public String expectation() {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case NUMBER -> "a number" + (Double.isInfinite(min) && Double.isInfinite(max) ? "" : " from " + fmt(min) + " to " + fmt(max));
            case ENUM -> "one of " + String.join(", ", options);
            case TEXT -> "text of at most " + MAX_TEXT + " characters";
        };
    }

    /** The option as configured (its spelling wins), or null. */
    private Value matchOption(String s) {
        if (s == null) return null;
        for (String o : options) {
            if (o.equalsIgnoreCase(s)) return Value.of(o);
        }
        return null;
    }

    private static Value textValue(String s) {
        return s == null || s.length() > MAX_TEXT ? null : Value.of(s);
    }

    private Value inRange(double d) {
        return Double.isFinite(d) && d >= min && d <= max ? Value.of(d) : null;
    }

    private static Value toBoolean(Object raw) {
        if (raw instanceof Boolean b) return Value.of(b);
        if (raw instanceof String s) {
            return switch (s.strip().toLowerCase()) {
                case "true", "on", "1", "yes" -> Value.of(true);
                case "false", "off", "0", "no" -> Value.of(false);
                default -> null;
            };
        }
        return null;
    }

    /** The number, or NaN when there is none (NaN is never accepted). */
    private static double toNumber(Object raw) {
        if (raw instanceof Number n) return n.doubleValue();
        if (raw instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static String toText(Object raw) {
        if (raw instanceof String s) return s;
        if (raw instanceof Boolean || raw instanceof Number) return String.valueOf(raw);
        return null;
    }

    private static String fmt(double d) {
        return Value.of(d).toString();
    }
}
