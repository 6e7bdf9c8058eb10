package dev.hearth.gateway.device;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one attribute of a device is: its type, unit, range, step or options (members for a composite), what can be
 * done with it ({@link Access}), and how its format carries it when that differs from the format's own way
 * ({@link AttributeMapping}). {@link #accept(Object)} is the single place where a raw payload value becomes a typed
 * {@link Value}; {@link #confirms} says whether a reported value is the echo of a requested one.
 * {@code step} is 0 when the attribute has none.
 */
public record AttributeSpec(String name, ValueType type, String unit, Access access, double min, double max, double step,
                            List<String> options, List<AttributeSpec> members, AttributeMapping mapping) {
    /**
     * The longest text value accepted (payloads may be 64 KiB): what the journal stores for a restart. A longer one is
     * refused at the edge, like a value of the wrong type, rather than kept in memory and lost at the next start.
     */
    public static final int MAX_TEXT = 4096;
    private static final double ANY_MIN = Double.NEGATIVE_INFINITY;
    private static final double ANY_MAX = Double.POSITIVE_INFINITY;

    public AttributeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(mapping, "mapping");
        unit = unit == null ? "" : unit;
        options = List.copyOf(options);
        members = List.copyOf(members);
        if (type == ValueType.ENUM && options.isEmpty()) throw new IllegalArgumentException(name + ": enum needs options");
        if (min > max) throw new IllegalArgumentException(name + ": min > max");
        if (!(step >= 0 && Double.isFinite(step))) throw new IllegalArgumentException(name + ": step must be 0 or more");
        if (type != ValueType.COMPOSITE && !members.isEmpty()) throw new IllegalArgumentException(name + ": members need a composite");
        if (type == ValueType.EVENT && access.settable()) throw new IllegalArgumentException(name + ": an event cannot be set");
    }

    public static AttributeSpec bool(String name) {
        return of(name, ValueType.BOOLEAN, "", ANY_MIN, ANY_MAX, List.of(), List.of());
    }

    public static AttributeSpec number(String name, String unit, double min, double max) {
        return of(name, ValueType.NUMBER, unit, min, max, List.of(), List.of());
    }

    public static AttributeSpec options(String name, String... options) {
        return of(name, ValueType.ENUM, "", ANY_MIN, ANY_MAX, List.of(options), List.of());
    }

    public static AttributeSpec text(String name) {
        return of(name, ValueType.TEXT, "", ANY_MIN, ANY_MAX, List.of(), List.of());
    }

    /** A button's or remote's occurrences; {@code known} lists the ones the device is known to send (may be none). */
    public static AttributeSpec event(String name, String... known) {
        return of(name, ValueType.EVENT, "", ANY_MIN, ANY_MAX, List.of(known), List.of());
    }

    /** A structured value such as a colour; a value may carry any of the members, each checked against its spec. */
    public static AttributeSpec composite(String name, AttributeSpec... members) {
        return of(name, ValueType.COMPOSITE, "", ANY_MIN, ANY_MAX, List.of(), List.of(members));
    }

    private static AttributeSpec of(String name, ValueType type, String unit, double min, double max, List<String> options,
                                    List<AttributeSpec> members) {
        return new AttributeSpec(name, type, unit, Access.PUBLISHED, min, max, 0, options, members, AttributeMapping.NONE);
    }

    public AttributeSpec settable() {
        return withAccess(Access.READ_WRITE);
    }

    /** Settable but never reported by the device: a command waits for no echo of it. */
    public AttributeSpec writeOnly() {
        return withAccess(Access.WRITE_ONLY);
    }

    public AttributeSpec withAccess(Access a) {
        return new AttributeSpec(name, type, unit, a, min, max, step, options, members, mapping);
    }

    /** The device's resolution: a value within a step of the requested one confirms a command (brightness, setpoints). */
    public AttributeSpec withStep(double s) {
        return new AttributeSpec(name, type, unit, access, min, max, s, options, members, mapping);
    }

    public AttributeSpec withMapping(AttributeMapping m) {
        return new AttributeSpec(name, type, unit, access, min, max, step, options, members, m);
    }

    public AttributeSpec named(String newName) {
        return new AttributeSpec(newName, type, unit, access, min, max, step, options, members, mapping);
    }

    public boolean writable() {
        return access.settable();
    }

    /** Whether the device reports it: only then can a command be confirmed by its echo. */
    public boolean reported() {
        return access.published();
    }

    public Optional<AttributeSpec> member(String memberName) {
        for (AttributeSpec m : members) if (m.name.equals(memberName)) return Optional.of(m);
        return Optional.empty();
    }

    /**
     * Converts a decoded value (Boolean, Number, String, or a Map or List for a composite, as JSON or plain text gives
     * it) to this attribute's type; empty when it does not fit ({@link #expectation()} says why).
     */
    public Optional<Value> accept(Object raw) {
        return Optional.ofNullable(typed(raw));
    }

    /** What {@link #accept} returns, or null: straight code, as this runs for every attribute of every payload. */
    Value typed(Object raw) {
        return switch (type) {
            case BOOLEAN -> toBoolean(raw);
            case NUMBER -> inRange(toNumber(raw));
            case ENUM -> matchOption(toText(raw));
            case TEXT -> textValue(toText(raw));
            case EVENT -> eventValue(toText(raw));
            case COMPOSITE -> CompositeValues.accept(this, raw);
        };
    }

    /** A payload value through this attribute's {@link AttributeMapping} and {@link #accept}; null when it does not fit. */
    Value read(Object raw) {
        return typed(mapping.isIdentity() ? raw : mapping.fromPayload(raw));
    }

    /**
     * Whether {@code reported} is the echo of {@code requested}: numbers within the attribute's step (devices round a
     * brightness or a setpoint to their resolution), a composite by the members both carry (a colour asked as hue and
     * saturation may come back as x and y only: then there is nothing to compare, and the report counts).
     */
    public boolean confirms(Value reported, Value requested) {
        if (reported instanceof Value.Number a && requested instanceof Value.Number b) {
            return Math.abs(a.value() - b.value()) <= Math.max(step, 1e-9);
        }
        if (reported instanceof Value.Composite a && requested instanceof Value.Composite b) {
            return CompositeValues.confirms(this, a, b);
        }
        return reported.equals(requested);
    }

    /** What {@link #accept} expects, for error messages. */
    public String expectation() {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case NUMBER -> "a number" + (Double.isInfinite(min) && Double.isInfinite(max) ? "" : " from " + fmt(min) + " to " + fmt(max));
            case ENUM -> "one of " + String.join(", ", options);
            case TEXT -> "text of at most " + MAX_TEXT + " characters";
            case EVENT -> "the name of an event" + (options.isEmpty() ? "" : " such as " + String.join(", ", options));
            case COMPOSITE -> "an object" + (members.isEmpty() ? "" : " with some of "
                    + String.join(", ", members.stream().map(m -> m.name() + " (" + m.expectation() + ")").toList()));
        };
    }

    /** The option as configured (its spelling wins), or null; Homie's true/false are ON/OFF. */
    private Value matchOption(String s) {
        if (s == null) return null;
        for (String o : options) {
            if (o.equalsIgnoreCase(s)) return Value.of(o);
        }
        return switch (s) {
            case "true" -> matchOption("ON");
            case "false" -> matchOption("OFF");
            default -> null;
        };
    }

    private static Value textValue(String s) {
        return s == null || s.length() > MAX_TEXT ? null : Value.of(s);
    }

    /** An event has a short non-empty name; Zigbee2MQTT's empty {@code action} after each press is no event. */
    private static Value eventValue(String s) {
        if (s == null) return null;
        String name = s.strip();
        return name.isEmpty() || name.length() > 64 ? null : Value.of(name);
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

    static String fmt(double d) {
        return Value.of(d).toString();
    }

    /** Attributes by name, in the order given: what a kind or a reader builds. */
    public static Map<String, AttributeSpec> byName(List<AttributeSpec> attributes) {
        Map<String, AttributeSpec> map = new java.util.LinkedHashMap<>();
        for (AttributeSpec a : attributes) map.put(a.name(), a);
        return map;
    }
}
