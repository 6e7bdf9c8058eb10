package dev.hearth.gateway.device;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** A typed attribute value. Conversion from payload text happens once, at the edge, in {@link PayloadDecoder}. */
public sealed interface Value permits Value.Bool, Value.Number, Value.Text, Value.Composite {

    /** The value as plain Java (Boolean, Double, String, or a Map of them for a composite), for JSON and expressions. */
    Object plain();

    static Value of(boolean b) {
        return b ? Bool.TRUE : Bool.FALSE;
    }

    static Value of(double d) {
        return new Number(d);
    }

    static Value of(String s) {
        return new Text(s);
    }

    static Value of(Map<String, Value> members) {
        return new Composite(new TreeMap<>(members));
    }

    record Bool(boolean value) implements Value {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);

        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    record Number(double value) implements Value {
        public Number {
            if (!Double.isFinite(value)) throw new IllegalArgumentException("not a finite number: " + value);
        }

        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * A structured value such as a colour, {@code {"x": 0.3, "y": 0.4}}: members by name, in name order. Its text
     * ({@link #toString()}) is its JSON, which is also what the journal keeps and what a payload carries.
     */
    record Composite(SortedMap<String, Value> members) implements Value {
        public Composite {
            if (members.isEmpty()) throw new IllegalArgumentException("a composite value has at least one member");
            members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
        }

        public java.util.Optional<Value> member(String name) {
            return java.util.Optional.ofNullable(members.get(name));
        }

        @Override
        public Object plain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            members.forEach((k, v) -> plain.put(k, v.plain()));
            return Collections.unmodifiableMap(plain);
        }

        @Override
        public String toString() {
            return appendJson(new StringBuilder(), this).toString();
        }
    }

    /** {@code value} as JSON: text quoted and escaped, whole numbers without a fraction, composites as objects. */
    static StringBuilder appendJson(StringBuilder json, Value value) {
        if (value instanceof Text t) {
            json.append('"');
            JsonStringEncoder.getInstance().quoteAsString(t.value(), json);
            return json.append('"');
        }
        if (!(value instanceof Composite c)) return json.append(value);
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, Value> e : c.members().entrySet()) {
            if (!first) json.append(',');
            first = false;
            appendJson(json, new Text(e.getKey())).append(':');
            appendJson(json, e.getValue());
        }
        return json.append('}');
    }
}
