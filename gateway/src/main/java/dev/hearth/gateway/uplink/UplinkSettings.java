package dev.hearth.gateway.uplink;

import dev.hearth.gateway.mqtt.MqttSettings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The optional second MQTT connection ({@code uplink:} in gateway.yaml): which local topics are
 * forwarded, rewritten how, and how fast the uplink outbox may drain.
 */
public record UplinkSettings(MqttSettings mqtt, List<ForwardRule> forward, double rate, int burst) {
    public UplinkSettings {
        Objects.requireNonNull(mqtt, "mqtt");
        forward = List.copyOf(forward);
    }

    /** The local subscriptions the uplink needs. */
    public List<String> filters() {
        return forward.stream().map(ForwardRule::from).distinct().toList();
    }

    /** Whether a local message on {@code topic} goes to the uplink. */
    public boolean forwards(String topic) {
        return rewrite(topic).isPresent();
    }

    /** The uplink topic for a local topic: the first rule that matches. */
    public Optional<String> rewrite(String topic) {
        for (ForwardRule r : forward) {
            Optional<String> to = r.rewrite(topic);
            if (to.isPresent()) return to;
        }
        return Optional.empty();
    }
}
