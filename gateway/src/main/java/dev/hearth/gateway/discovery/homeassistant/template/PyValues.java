package dev.hearth.gateway.discovery.homeassistant.template;

import dev.hearth.gateway.json.JsonTree;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Jinja's (that is, Python's) view of values: truth, text and numbers. */
final class PyValues {
    /** Python's None; JSON's null is read as it. */
    static final Object NONE = JsonTree.NULL;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private PyValues() {
    }

    static boolean isNone(Object v) {
        return v == NONE;
    }

    static boolean truthy(Object v) {
        if (v == Undefined.INSTANCE || isNone(v)) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Long l) return l != 0;
        if (v instanceof Double d) return d != 0;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** {@code str(v)} as Python writes it: {@code True}, {@code 21.0}, {@code None}. */
    static String text(Object v) {
        if (v == Undefined.INSTANCE) return "";
        if (isNone(v)) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) return decimal(d);
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> quoted(e.getKey()) + ": " + quoted(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Collection<?> c) return c.stream().map(PyValues::quoted).collect(Collectors.joining(", ", "[", "]"));
        return String.valueOf(v);
    }

    private static String quoted(Object v) {
        return v instanceof String s ? "'" + s + "'" : text(v);
    }

    private static String decimal(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return (long) d + ".0";
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** The number as Long or Double, parsing text the way Python's float() does; null if it is none. */
    static Number number(Object v) {
        if (v instanceof Long || v instanceof Double) return (Number) v;
        if (v instanceof Boolean b) return b ? 1L : 0L;
        if (v instanceof String s) {
            String t = s.strip();
            if (INTEGER.matcher(t).matches() && t.length() < 19) return Long.parseLong(t);
            if (DECIMAL.matcher(t).matches()) return Double.parseDouble(t);
        }
        return null;
    }
}
