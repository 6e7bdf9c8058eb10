package dev.hearth.gateway.discovery.homeassistant;

import dev.hearth.gateway.discovery.homeassistant.template.ValueTemplate;
import dev.hearth.gateway.json.JsonTree;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entity's configuration with abbreviations expanded and {@code ~} resolved, read the way Home Assistant's
 * schema coerces it: a payload written as {@code true} is the text {@code True}, a number written as text is a number.
 */
public record HaOptions(Map<String, Object> values) {
    public HaOptions {
        values = Map.copyOf(values);
    }

    public boolean has(String key) {
        Object v = values.get(key);
        return v != null && v != JsonTree.NULL;
    }

    /** The value as text (JSON null and a missing key are both empty). */
    public Optional<String> text(String key) {
        if (!has(key)) return Optional.empty();
        Object v = values.get(key);
        return Optional.of(v instanceof String s ? s : ValueTemplate.text(v));
    }

    public String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    /** A number, written as a number or as text; {@code fallback} when missing or not a number. */
    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    public boolean flag(String key, boolean fallback) {
        Object v = values.get(key);
        if (v instanceof Boolean b) return b;
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return s.equalsIgnoreCase("true");
        return fallback;
    }

    /** A list of texts (a single text is a list of one). */
    public List<String> texts(String key) {
        Object v = values.get(key);
        if (v instanceof List<?> list) return list.stream().filter(e -> e != JsonTree.NULL).map(e -> e instanceof String s ? s : ValueTemplate.text(e)).toList();
        return text(key).map(List::of).orElse(List.of());
    }
}
