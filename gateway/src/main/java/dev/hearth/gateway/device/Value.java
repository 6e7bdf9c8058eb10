package dev.hearth.gateway.device;

import java.util.Objects;

/** A typed attribute value. Conversion from payload text happens once, at the edge, in {@link PayloadDecoder}. */
public sealed interface Value permits Value.Bool, Value.Number, Value.Text {

    /** The value as plain Java (Boolean, Double, String), for JSON encoding and expressions. */
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
}
