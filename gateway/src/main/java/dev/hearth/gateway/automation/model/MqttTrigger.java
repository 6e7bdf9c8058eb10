package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.message.TopicFilter;
import dev.hearth.gateway.yaml.YamlMap;

import java.util.Optional;

/**
 * A raw MQTT message on a topic filter (for devices not in the registry), optionally with an exact payload. Filters
 * have wildcards: every MQTT trigger is offered every message (homes have few).
 */
public record MqttTrigger(String topicFilter, Optional<String> payload) implements Trigger {
    public static final TriggerKind KIND = new TriggerKind("mqtt", MqttTrigger::read);

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        if (!t.has("topic")) t.missing("topic");
        Optional<String> payload = t.text("payload");
        return t.text("topic").flatMap(topic -> {
            String problem = TopicFilter.problem(topic);
            if (problem == null) return Optional.of(new MqttTrigger(topic, payload));
            t.problemAtValue("topic", "bad topic filter '" + topic + "': " + problem);
            return Optional.empty();
        });
    }

    public boolean matches(String topic, String text) {
        return TopicFilter.matches(topicFilter, topic) && payload.map(text::equals).orElse(true);
    }

    @Override
    public Object key() {
        return TriggerEvent.MqttMessage.class;
    }

    @Override
    public Reaction react(TriggerEvent event) {
        TriggerEvent.MqttMessage m = (TriggerEvent.MqttMessage) event;
        return matches(m.topic(), m.text()) ? Reaction.FIRE : Reaction.NONE;
    }

    @Override
    public String describe() {
        return "mqtt " + topicFilter + payload.map(p -> " payload '" + p + "'").orElse("");
    }
}
