package dev.hearth.gateway.automation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps each device attribute to the triggers that watch it, so a change costs only what it matches. */
final class TriggerIndex {

    record Armed(Automation automation, int triggerNumber, Trigger trigger) {
    }

    private final Map<AttributeRef, List<Armed>> byAttribute = new HashMap<>();

    TriggerIndex(List<Automation> automations) {
        for (Automation a : automations) {
            if (!a.enabled()) continue;
            for (int i = 0; i < a.triggers().size(); i++) {
                Trigger t = a.triggers().get(i);
                byAttribute.computeIfAbsent(t.watches(), k -> new ArrayList<>()).add(new Armed(a, i, t));
            }
        }
    }

    List<Armed> watching(AttributeRef ref) {
        return byAttribute.getOrDefault(ref, List.of());
    }
}
