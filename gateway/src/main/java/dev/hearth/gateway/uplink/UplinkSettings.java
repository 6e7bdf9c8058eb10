package dev.hearth.gateway.uplink;

import dev.hearth.gateway.mqtt.MqttSettings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The optional second MQTT connection ({@code uplink:} in gateway.yaml): which local topics are forwarded, rewritten
 * how, and how fast the uplink outbox may drain; the gateway's fleet namespace upstream ({@code <fleet_prefix>/<gateway_id>},
 * the link's base topic: status, health, commands), how often the health summary may be published, and which remote
 * commands are accepted (none without {@code remote_control}).
 */
public record UplinkSettings(MqttSettings mqtt, List<ForwardRule> forward, double rate, int burst, String gatewayId,
                             Duration healthInterval, Optional<RemoteControl> remoteControl) {
    public UplinkSettings {
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(healthInterval, "healthInterval");
        Objects.requireNonNull(remoteControl, "remoteControl");
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

    /** The gateway's topics upstream. */
    public FleetTopics topics() {
        return new FleetTopics(mqtt.baseTopic());
    }
}
