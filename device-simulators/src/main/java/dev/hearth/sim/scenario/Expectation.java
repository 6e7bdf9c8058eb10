package dev.hearth.sim.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * "hallway_light is ON within 1s": after its timeline entry fires, {@code device.attribute} must
 * satisfy {@code expected} within {@code within} of simulated time. With {@code stays}, "hallway_light
 * is OFF for 1m": it must satisfy it at once and throughout {@code within}. {@code where} is the
 * file:line:column of the expectation, so a failure points back at the scenario.
 */
public record Expectation(String where, String device, String attribute, Expected expected, Duration within,
                          boolean stays) {

    public boolean isMetBy(Map<String, Object> state) {
        Object actual = state.get(attribute);
        return actual != null && expected.matches(actual);
    }

    @Override
    public String toString() {
        return device + "." + attribute + " " + expected + (stays ? " for " : " within ") + Scenario.describe(within);
    }

    /** The closed set of checks a scenario can state about one attribute. */
    public sealed interface Expected permits Is, Above, Below {
        boolean matches(Object actual);
    }

    /** Equality as a person reads it: ON equals "ON", true equals "true", 21 equals 21.0. */
    public record Is(String value) implements Expected {
        @Override
        public boolean matches(Object actual) {
            if (actual instanceof Number n) {
                try {
                    return Double.parseDouble(value) == n.doubleValue();
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            String text = actual.toString();
            return actual instanceof Boolean ? text.equals(value.toLowerCase(Locale.ROOT)) : text.equals(value);
        }

        @Override
        public String toString() {
            return "is " + value;
        }
    }

    public record Above(double limit) implements Expected {
        @Override
        public boolean matches(Object actual) {
            return actual instanceof Number n && n.doubleValue() > limit;
        }

        @Override
        public String toString() {
            return "above " + Scenario.number(limit);
        }
    }

    public record Below(double limit) implements Expected {
        @Override
        public boolean matches(Object actual) {
            return actual instanceof Number n && n.doubleValue() < limit;
        }

        @Override
        public String toString() {
            return "below " + Scenario.number(limit);
        }
    }
}
