package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.Optional;

/** A kind of trigger as written in YAML: {@code trigger: <name>}, and how the rest of its keys are read. */
public record TriggerKind(String name, Reader reader) {
    @FunctionalInterface
    public interface Reader {
        /** The trigger, or empty with its problems added to {@code t}. */
        Optional<Trigger> read(YamlMap t, TriggerParts parts);
    }
}
