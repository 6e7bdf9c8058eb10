package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.Trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Files each trigger under its {@link Trigger#key()} (a device attribute, a device's availability, a gateway event...),
 * so an event costs only the triggers filed under its key, never the number of automations.
 */
final class TriggerIndex {

    /**
     * One trigger of one automation; {@code key} names it in timers and the database. {@code description} is the
     * trigger in words, made once: every trace of it holds this one string.
     */
    record Armed(Automation automation, int triggerNumber, Trigger trigger, String description) {
        Armed(Automation automation, int triggerNumber, Trigger trigger) {
            this(automation, triggerNumber, trigger, trigger.describe());
        }

        /** Trigger {@code number} of {@code automation}, described with its id when one was written (not its position). */
        static Armed of(Automation automation, int number) {
            Trigger trigger = automation.triggers().get(number);
            String id = automation.triggerIds().get(number);
            return new Armed(automation, number, trigger,
                    id.equals(Integer.toString(number)) ? trigger.describe() : trigger.describe() + " [id " + id + "]");
        }

        /** {@code trigger.id} of the runs it starts. */
        String id() {
            return automation.triggerIds().get(triggerNumber);
        }

        String key() {
            return automation.id() + "#" + triggerNumber;
        }
    }

    private final Map<Object, List<Armed>> filed = new HashMap<>();
    private final List<Armed> all = new ArrayList<>();

    TriggerIndex(Iterable<Automation> automations) {
        for (Automation a : automations) {
            for (int i = 0; i < a.triggers().size(); i++) {
                Armed armed = Armed.of(a, i);
                all.add(armed);
                filed.computeIfAbsent(armed.trigger().key(), k -> new ArrayList<>()).add(armed);
            }
        }
    }

    /** The triggers filed under {@code key}, to be offered an event with that key. */
    List<Armed> filed(Object key) {
        return filed.getOrDefault(key, List.of());
    }

    /** Every trigger, in the order of automations and their triggers: for arming. */
    List<Armed> all() {
        return all;
    }
}
