package dev.hearth.gateway.discovery.homeassistant.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The supported filters, with Home Assistant's forgiving behaviour: a failed conversion uses the default if given. */
final class Filters {
    private static final Set<String> NAMES = Set.of("float", "int", "round", "lower", "upper", "capitalize", "trim",
            "string", "abs", "bool", "default", "d", "replace", "is_defined", "multiply");

    private Filters() {
    }

    static boolean known(String name) {
        return NAMES.contains(name);
    }

    /** {@code operand | name(args)}, the arguments already evaluated. */
    static Object apply(String name, Object operand, List<Object> args) {
        if (name.equals("default") || name.equals("d")) return withDefault(operand, args);
        if (operand == Undefined.INSTANCE) return operand;
        return switch (name) {
            case "float" -> orDefault(asDouble(operand), args, 0);
            case "int" -> orDefault(asLong(operand), args, 0);
            case "round" -> round(operand, args);
            case "multiply" -> multiply(operand, args);
            case "abs" -> abs(operand);
            case "bool" -> orDefault(asBoolean(operand), args, 0);
            case "lower" -> PyValues.text(operand).toLowerCase(Locale.ROOT);
            case "upper" -> PyValues.text(operand).toUpperCase(Locale.ROOT);
            case "capitalize" -> capitalize(PyValues.text(operand));
            case "trim" -> PyValues.text(operand).strip();
            case "string" -> PyValues.text(operand);
            case "replace" -> args.size() < 2 ? Undefined.INSTANCE
                    : PyValues.text(operand).replace(PyValues.text(args.get(0)), PyValues.text(args.get(1)));
            case "is_defined" -> operand;
            default -> throw new IllegalStateException("filter " + name + " was accepted but has no rule");
        };
    }

    private static Object withDefault(Object operand, List<Object> args) {
        Object fallback = args.isEmpty() ? "" : args.get(0);
        boolean whenFalsy = args.size() > 1 && PyValues.truthy(args.get(1));
        if (operand == Undefined.INSTANCE || (whenFalsy && !PyValues.truthy(operand))) return fallback;
        return operand;
    }

    private static Object orDefault(Object converted, List<Object> args, int defaultAt) {
        if (converted != null) return converted;
        return args.size() > defaultAt ? args.get(defaultAt) : Undefined.INSTANCE;
    }

    private static Double asDouble(Object v) {
        Number n = PyValues.number(v);
        return n == null ? null : n.doubleValue();
    }

    private static Long asLong(Object v) {
        Number n = PyValues.number(v);
        if (n == null || (n instanceof Double d && !Double.isFinite(d))) return null;
        return n.longValue();
    }

    private static Boolean asBoolean(Object v) {
        if (v instanceof Boolean b) return b;
        return switch (PyValues.text(v).strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "enable", "1.0" -> Boolean.TRUE;
            case "false", "0", "no", "off", "disable", "0.0", "none" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Home Assistant's round: Python's (half to even on the exact binary value), or floor, ceil, half; int for precision 0. */
    private static Object round(Object operand, List<Object> args) {
        Double value = asDouble(operand);
        if (value == null || !Double.isFinite(value)) return args.size() > 2 ? args.get(2) : Undefined.INSTANCE;
        Number p = args.isEmpty() ? 0L : PyValues.number(args.get(0));
        int precision = p == null ? 0 : p.intValue();
        String method = args.size() > 1 ? PyValues.text(args.get(1)) : "common";
        BigDecimal exact = new BigDecimal(value);
        double rounded = switch (method) {
            case "floor" -> exact.setScale(precision, RoundingMode.FLOOR).doubleValue();
            case "ceil" -> exact.setScale(precision, RoundingMode.CEILING).doubleValue();
            case "half" -> Math.rint(value * 2) / 2;
            default -> exact.setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
        };
        return precision == 0 ? (Object) (long) rounded : (Object) rounded;
    }

    private static Object multiply(Object operand, List<Object> args) {
        Double value = asDouble(operand);
        Double factor = args.isEmpty() ? null : asDouble(args.get(0));
        if (value == null || factor == null) return args.size() > 1 ? args.get(1) : Undefined.INSTANCE;
        return value * factor;
    }

    private static Object abs(Object operand) {
        Number n = PyValues.number(operand);
        if (n instanceof Long l) return Math.abs(l);
        return n == null ? Undefined.INSTANCE : Math.abs(n.doubleValue());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
