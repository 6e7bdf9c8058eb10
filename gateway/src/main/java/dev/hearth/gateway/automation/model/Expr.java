package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.Value;

import java.util.Optional;

/**
 * A CEL expression compiled once, at load time. CEL is sandboxed and cannot loop, so evaluating one on the
 * event loop is bounded. Two expressions are equal when their text is: that is what hot reload compares.
 * No CEL type appears here: an expression that only names a value ({@link PathExpression}) never loads CEL.
 */
public final class Expr {
    private final String source;
    private final Evaluation evaluation;

    Expr(String source, Evaluation evaluation) {
        this.source = source;
        this.evaluation = evaluation;
    }

    /** How the value is computed: CEL's program, or a look-up of a name. */
    @FunctionalInterface
    interface Evaluation {
        /** The value (null for none); an exception's message is the failure. */
        Object evaluate(Variables variables) throws Exception;
    }

    public String source() {
        return source;
    }

    /** The value, or a failure message (a missing device value, a type mismatch, …). */
    public Result eval(Variables variables) {
        try {
            return new Result(Optional.ofNullable(evaluation.evaluate(variables)), "");
        } catch (Exception e) {
            return new Result(Optional.empty(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Resolves the names an expression uses: devices, {@code trigger}, variables. */
    @FunctionalInterface
    public interface Variables {
        Optional<Object> find(String name);
    }

    public record Result(Optional<Object> value, String error) {
        public boolean isTrue() {
            return value.filter(Boolean.TRUE::equals).isPresent();
        }

        /** CEL's bool, int, uint (Guava's {@code UnsignedLong}, a {@link Number}), double and string as a device value. */
        public Optional<Value> asValue() {
            return value.flatMap(v -> {
                if (v instanceof Boolean b) return Optional.of(Value.of(b));
                if (v instanceof Number n && Double.isFinite(n.doubleValue())) return Optional.of(Value.of(n.doubleValue()));
                if (v instanceof String s) return Optional.of(Value.of(s));
                return Optional.empty();
            });
        }

        public String text() {
            return value.map(v -> v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString(d.longValue()) : String.valueOf(v)).orElse("");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expr e && e.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
