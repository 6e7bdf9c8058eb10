package dev.hearth.gateway.device;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The closed set of attribute types. Enumerations keep their options in {@link AttributeSpec}; a composite its
 * members. An event (a button's {@code action}) is not state: each report is an occurrence, the same one twice too.
 */
public enum ValueType {
    BOOLEAN, NUMBER, ENUM, TEXT, COMPOSITE, EVENT;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ValueType> byName(String name) {
        for (ValueType t : values()) if (t.yamlName().equals(name)) return Optional.of(t);
        return Optional.empty();
    }

    /** Built once: every device read asks for them (they name the choices in a problem). */
    private static final List<String> NAMES = java.util.Arrays.stream(values()).map(ValueType::yamlName).toList();

    public static List<String> names() {
        return NAMES;
    }
}
