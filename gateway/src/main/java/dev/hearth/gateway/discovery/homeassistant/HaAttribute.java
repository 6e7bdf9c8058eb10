package dev.hearth.gateway.discovery.homeassistant;

import dev.hearth.gateway.discovery.homeassistant.template.ValueTemplate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribute an entity gives its device, in neutral terms: its type and range, where it is reported (a topic,
 * read through a template: the whole payload when there is none), how reported payloads map to values
 * ({@code payload_on} → {@code ON}), and how it is set (a topic and a payload where {@code {value}} is the value as
 * the device spells it, {@code values} backwards).
 */
public record HaAttribute(String name, Type type, String unit, double min, double max, double step, List<String> options,
                          Optional<String> stateTopic, Optional<ValueTemplate> template, Map<String, String> values,
                          Optional<Command> command) {
    public enum Type { BOOLEAN, NUMBER, ENUM, TEXT, EVENT }

    public record Command(String topic, String payload) {
        public static final String VALUE = "{value}";
    }

    public HaAttribute {
        Objects.requireNonNull(name, "name");
        options = List.copyOf(options);
        values = Map.copyOf(values);
    }

    /** Reported by the device (else write-only, like a button). */
    public boolean published() {
        return stateTopic.isPresent();
    }

    public boolean settable() {
        return command.isPresent();
    }

    public HaAttribute named(String newName) {
        return new HaAttribute(newName, type, unit, min, max, step, options, stateTopic, template, values, command);
    }
}
