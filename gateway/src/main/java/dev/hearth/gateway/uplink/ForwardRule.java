package dev.hearth.gateway.uplink;

import dev.hearth.gateway.message.TopicFilter;

import java.util.Objects;
import java.util.Optional;

/**
 * One uplink forwarding rule: local messages whose topic matches the MQTT filter {@code from} are sent
 * to the uplink on {@code to}, where {@code {topic}} stands for the local topic
 * (e.g. {@code from: zigbee2mqtt/#}, {@code to: homes/alice/{topic}}).
 */
public record ForwardRule(String from, String to) {
    public static final String TOPIC = "{topic}";

    public ForwardRule {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.contains("+") || to.contains("#")) throw new IllegalArgumentException("'to' must not contain wildcards: " + to);
    }

    /** The uplink topic for a local one, if this rule forwards it. */
    public Optional<String> rewrite(String topic) {
        return TopicFilter.matches(from, topic) ? Optional.of(to.replace(TOPIC, topic)) : Optional.empty();
    }
}
