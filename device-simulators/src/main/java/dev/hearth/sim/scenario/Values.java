package dev.hearth.sim.scenario;

import dev.hearth.sim.time.Durations;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** Parses scalar values of a scenario, reporting errors at the value's position. */
final class Values {
    private Values() {
    }

    static double number(YamlCursor cursor) {
        String text = cursor.scalar();
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw cursor.error("expected a number, got '" + text + "'");
    }

    static double positive(YamlCursor cursor) {
        double value = number(cursor);
        if (value <= 0) {
            throw cursor.error("must be greater than 0, got " + cursor.scalar());
        }
        return value;
    }

    static LocalTime time(YamlCursor cursor) {
        String text = cursor.scalar();
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw cursor.error("expected a time of day like 18:02, got '" + text + "'");
        }
    }

    static java.time.LocalDate date(YamlCursor cursor) {
        String text = cursor.scalar();
        try {
            return java.time.LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw cursor.error("expected a date like 2026-11-20, got '" + text + "'");
        }
    }

    /** "500ms", "30s", "5m", "1h". */
    static Duration duration(YamlCursor cursor) {
        String text = cursor.scalar();
        return Durations.parse(text).orElseThrow(() ->
                cursor.error("expected a duration like 500ms, 30s, 5m or 1h, got '" + text + "'"));
    }

    static String name(YamlCursor cursor) {
        String text = cursor.scalar();
        if (!text.matches("[A-Za-z0-9_.-]+")) {
            throw cursor.error("names may contain letters, digits, '_', '-' and '.', got '" + text + "'");
        }
        return text;
    }
}
