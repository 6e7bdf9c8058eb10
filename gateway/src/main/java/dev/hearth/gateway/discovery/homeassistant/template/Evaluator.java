package dev.hearth.gateway.discovery.homeassistant.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Evaluates an {@link Expr} over the template's variables; what cannot be computed is {@link Undefined}. */
final class Evaluator {
    private final Map<String, Object> variables;

    Evaluator(Map<String, Object> variables) {
        this.variables = variables;
    }

    Object eval(Expr e) {
        if (e instanceof Expr.Literal l) return l.value();
        if (e instanceof Expr.Variable v) return variables.getOrDefault(v.name(), Undefined.INSTANCE);
        if (e instanceof Expr.Member m) return member(eval(m.target()), eval(m.key()));
        if (e instanceof Expr.Filter f) return filter(f);
        if (e instanceof Expr.Test t) return test(eval(t.operand()), t.name()) != t.negated();
        if (e instanceof Expr.Unary u) return unary(u.operator(), eval(u.operand()));
        if (e instanceof Expr.Conditional c) return PyValues.truthy(eval(c.condition())) ? eval(c.then()) : eval(c.otherwise());
        return binary((Expr.Binary) e);
    }

    private Object filter(Expr.Filter f) {
        List<Object> args = new ArrayList<>(f.arguments().size());
        for (Expr a : f.arguments()) args.add(eval(a));
        return Filters.apply(f.name(), eval(f.operand()), args);
    }

    private static Object member(Object target, Object key) {
        if (target instanceof Map<?, ?> map && key instanceof String k) {
            return map.containsKey(k) ? map.get(k) : Undefined.INSTANCE;
        }
        if (target instanceof List<?> list && key instanceof Long i) {
            long index = i < 0 ? list.size() + i : i;
            return index >= 0 && index < list.size() ? list.get((int) index) : Undefined.INSTANCE;
        }
        return Undefined.INSTANCE;
    }

    private static boolean test(Object v, String name) {
        return switch (name) {
            case "defined" -> v != Undefined.INSTANCE;
            case "undefined" -> v == Undefined.INSTANCE;
            case "none" -> PyValues.isNone(v);
            case "number" -> v instanceof Long || v instanceof Double;
            case "string" -> v instanceof String;
            default -> false;
        };
    }

    private static Object unary(String op, Object v) {
        if (op.equals("not")) return !PyValues.truthy(v);
        if (v instanceof Long l) return -l;
        if (v instanceof Double d) return -d;
        return Undefined.INSTANCE;
    }

    private Object binary(Expr.Binary b) {
        Object left = eval(b.left());
        switch (b.operator()) {
            case "and": return PyValues.truthy(left) ? eval(b.right()) : left;
            case "or": return PyValues.truthy(left) ? left : eval(b.right());
            default: break;
        }
        Object right = eval(b.right());
        if (b.operator().equals("~")) return PyValues.text(left) + PyValues.text(right);
        if (left == Undefined.INSTANCE || right == Undefined.INSTANCE) return Undefined.INSTANCE;
        return switch (b.operator()) {
            case "==" -> same(left, right);
            case "!=" -> !same(left, right);
            case "<", ">", "<=", ">=" -> compare(b.operator(), left, right);
            default -> Arithmetic.apply(b.operator(), left, right);
        };
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return Objects.equals(a, b);
    }

    private static Object compare(String op, Object a, Object b) {
        int c;
        if (a instanceof Number x && b instanceof Number y) c = Double.compare(x.doubleValue(), y.doubleValue());
        else if (a instanceof String x && b instanceof String y) c = x.compareTo(y);
        else return Undefined.INSTANCE;
        return switch (op) {
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }
}
