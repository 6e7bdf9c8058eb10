package dev.hearth.gateway.broker;

import dev.hearth.gateway.yaml.Secret;
import java.util.Optional;

/** The embedded HiveMQ CE broker, used when {@code mqtt.embedded} is true. */
public record BrokerSettings(String bind, int port, Optional<String> username, Optional<Secret> password) {

    public boolean loopbackOnly() {
        return bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
    }
}
