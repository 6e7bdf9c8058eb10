package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.yaml.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's MQTT connection. {@code baseTopic} carries the gateway's own {@code <base>/status}
 * (online/offline, retained, with a will).
 */
public record MqttSettings(boolean embedded, String url, String clientId, Optional<String> username,
                           Optional<Secret> password, Optional<Path> caFile, Duration keepAlive,
                           Duration sessionExpiry, Duration connectTimeout, Duration reconnectMin,
                           Duration reconnectMax, String baseTopic) {

    public String statusTopic() {
        return baseTopic + "/status";
    }
}
