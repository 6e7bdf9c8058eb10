package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.AttributeRef;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.device.DeviceId;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps each device attribute (and device, for availability) to the triggers that watch it, so a change costs only
 * what it matches, never the number of automations. MQTT and gateway triggers are few and kept in lists.
 */
public final class TriggerIndex {

    /**
     * One trigger of one automation; {@code key} names it in timers and the database. {@code description} is the
     * trigger in words, made once: every trace of it holds this one string.
     */
    record Armed(Automation automation, int triggerNumber, Trigger trigger, String description) {
        Armed(Automation automation, int triggerNumber, Trigger trigger) {
            this(automation, triggerNumber, trigger, trigger.describe());
        }

        String key() {
            return automation.id() + "#" + triggerNumber;
        }
    }

    private final Map<AttributeRef, List<Armed>> byAttribute = new HashMap<>();
    private final Map<DeviceId, List<Armed>> byAvailability = new HashMap<>();
    private final Map<Trigger.GatewayEvent, List<Armed>> byGatewayEvent = new EnumMap<>(Trigger.GatewayEvent.class);
    private final Map<DeviceId, List<Armed>> bySilence = new HashMap<>();
    private final List<Armed> mqtt = new ArrayList<>();
    private final List<Armed> commandFailed = new ArrayList<>();
    private final List<Armed> clock = new ArrayList<>();

    TriggerIndex(Iterable<Automation> automations) {
        for (Automation a : automations) {
            for (int i = 0; i < a.triggers().size(); i++) add(new Armed(a, i, a.triggers().get(i)));
        }
    }

    private void add(Armed armed) {
        Trigger t = armed.trigger();
        if (t instanceof Trigger.Watching w) byAttribute.computeIfAbsent(w.watches(), k -> new ArrayList<>()).add(armed);
        else if (t instanceof Trigger.DeviceAvailability d) byAvailability.computeIfAbsent(d.device(), k -> new ArrayList<>()).add(armed);
        else if (t instanceof Trigger.Gateway g) byGatewayEvent.computeIfAbsent(g.event(), k -> new ArrayList<>()).add(armed);
        else if (t instanceof Trigger.Silent q) bySilence.computeIfAbsent(q.device(), k -> new ArrayList<>()).add(armed);
        else if (t instanceof Trigger.Mqtt) mqtt.add(armed);
        else if (t instanceof Trigger.CommandFailed) commandFailed.add(armed);
        else clock.add(armed);
    }

    List<Armed> watching(AttributeRef ref) {
        return byAttribute.getOrDefault(ref, List.of());
    }

    List<Armed> availability(DeviceId device) {
        return byAvailability.getOrDefault(device, List.of());
    }

    List<Armed> gateway(Trigger.GatewayEvent event) {
        return byGatewayEvent.getOrDefault(event, List.of());
    }

    List<Armed> silence(DeviceId device) {
        return bySilence.getOrDefault(device, List.of());
    }

    List<Armed> silence() {
        return bySilence.values().stream().flatMap(List::stream).toList();
    }

    List<Armed> commandFailed() {
        return commandFailed;
    }

    List<Armed> mqtt() {
        return mqtt;
    }

    List<Armed> clock() {
        return clock;
    }
}
