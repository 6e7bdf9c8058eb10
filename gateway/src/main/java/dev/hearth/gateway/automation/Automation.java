package dev.hearth.gateway.automation;

import java.util.List;
import java.util.Objects;

/** One automation as written in a file under automations/. */
public record Automation(String id, String description, boolean enabled, List<Trigger> triggers,
                         List<Condition> conditions, List<Action> actions, String source) {
    public Automation {
        Objects.requireNonNull(id, "id");
        triggers = List.copyOf(triggers);
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
        if (triggers.isEmpty()) throw new IllegalArgumentException(id + ": needs at least one trigger");
    }
}
