package dev.hearth.gateway.automation.model;

import java.util.OptionalDouble;

/** The open range {@code above < x < below} shared by numeric triggers and conditions. */
final class NumericRange {
    private NumericRange() {
    }

    static boolean contains(OptionalDouble above, OptionalDouble below, double x) {
        return (above.isEmpty() || x > above.getAsDouble()) && (below.isEmpty() || x < below.getAsDouble());
    }

    static String describe(OptionalDouble above, OptionalDouble below) {
        return (above.isPresent() ? " above " + above.getAsDouble() : "") + (below.isPresent() ? " below " + below.getAsDouble() : "");
    }
}
