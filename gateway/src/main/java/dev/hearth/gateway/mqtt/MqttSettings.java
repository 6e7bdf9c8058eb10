package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.yaml.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's MQTT connection. {@code baseTopic} carries the gateway's own {@code <base>/status}
 * (online/offline, retained, with a will). With {@code fullJitter} (the uplink to a fleet's broker) every reconnect
 * waits a random time up to the exponential step, refused connections included, so that a thousand gateways
 * losing the same broker do not come back in the same second.
 */
public record MqttSettings(boolean embedded, String url, String clientId, Optional<String> username,
                           Optional<Secret> password, Optional<Path> caFile, Duration keepAlive,
                           Duration sessionExpiry, Duration connectTimeout, Duration reconnectMin,
                           Duration reconnectMax, String baseTopic, boolean fullJitter) {

    /** A connection to the home's own broker: refused connections are retried at a short fixed interval. */
    public MqttSettings(boolean embedded, String url, String clientId, Optional<String> username,
                        Optional<Secret> password, Optional<Path> caFile, Duration keepAlive,
                        Duration sessionExpiry, Duration connectTimeout, Duration reconnectMin,
                        Duration reconnectMax, String baseTopic) {
        this(embedded, url, clientId, username, password, caFile, keepAlive, sessionExpiry, connectTimeout,
                reconnectMin, reconnectMax, baseTopic, false);
    }

    public String statusTopic() {
        return baseTopic + "/status";
    }
}
