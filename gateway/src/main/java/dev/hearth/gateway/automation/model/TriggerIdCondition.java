package dev.hearth.gateway.automation.model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@code condition: trigger}: the run was started by a trigger with one of these ids ({@code trigger.id}). */
public record TriggerIdCondition(Set<String> ids) implements Condition {
    public TriggerIdCondition {
        if (ids.isEmpty()) throw new IllegalArgumentException("name at least one trigger id");
        ids = Set.copyOf(ids);
    }

    @Override
    public Check check(Facts facts) {
        Optional<Object> fired = facts.variables().find(ExprScope.TRIGGER)
                .map(t -> t instanceof Map<?, ?> m ? m.get("id") : null);
        boolean ok = fired.map(ids::contains).orElse(false);
        return new Check(ok, "trigger id in " + new TreeSet<>(ids) + " (was " + fired.map(Object::toString).orElse("none") + ")");
    }
}
