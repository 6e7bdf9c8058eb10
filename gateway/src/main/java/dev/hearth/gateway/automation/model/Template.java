package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.Value;

import java.util.List;
import java.util.Optional;

/**
 * A value as written in an automation: a constant, or text with {@code ${expression}} parts. A value that is a
 * single {@code ${…}} keeps the expression's type (a number stays a number); otherwise the parts are joined as text.
 */
public record Template(Optional<Value> constant, List<Object> parts) {
    public Template {
        parts = List.copyOf(parts);
    }

    public static Template of(Value v) {
        return new Template(Optional.of(v), List.of());
    }

    /** A whole number as written in YAML: CEL sees an int (a {@link Value} number is a double). */
    public static Template integer(long n) {
        return new Template(Optional.empty(), List.of(new Expr(Long.toString(n), variables -> n)));
    }

    /** The evaluated value, or the error that stopped it. */
    public Expr.Result evaluate(Expr.Variables variables) {
        if (constant.isPresent()) return new Expr.Result(Optional.of(constant.get().plain()), "");
        if (parts.size() == 1 && parts.get(0) instanceof Expr e) return e.eval(variables);
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Expr e) {
                Expr.Result r = e.eval(variables);
                if (r.value().isEmpty()) return r;
                b.append(r.text());
            } else {
                b.append(p);
            }
        }
        return new Expr.Result(Optional.of(b.toString()), "");
    }

    @Override
    public String toString() {
        if (constant.isPresent()) return constant.get().toString();
        StringBuilder b = new StringBuilder();
        for (Object p : parts) b.append(p instanceof Expr e ? "${" + e.source() + "}" : p);
        return b.toString();
    }
}
