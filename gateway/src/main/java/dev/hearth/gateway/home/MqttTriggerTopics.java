package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.run.AutomationEngine;

import java.util.List;
import java.util.Set;

/**
 * The broker link subscribes to the topics of automations' mqtt triggers as automations become effective (waiting
 * devices discovered, a file reloaded), and drops those nobody listens to any more. On the home's thread.
 */
final class MqttTriggerTopics {
    private final AutomationEngine engine;
    private final HomeLoop.Effects effects;
    /** The filters the broker link was asked for: at first those of the automations the home started with. */
    private Set<String> asked;

    MqttTriggerTopics(AutomationEngine engine, HomeLoop.Effects effects) {
        this.engine = engine;
        this.effects = effects;
        this.asked = engine.mqttFilters();
    }

    /** Asks for the filters the automations listen to now and drops the others. */
    void follow() {
        Set<String> now = engine.mqttFilters();
        List<String> added = now.stream().filter(f -> !asked.contains(f)).toList();
        List<String> dropped = asked.stream().filter(f -> !now.contains(f)).toList();
        asked = now;
        if (!added.isEmpty() || !dropped.isEmpty()) effects.mqttTriggersChanged(added, dropped);
    }
}
