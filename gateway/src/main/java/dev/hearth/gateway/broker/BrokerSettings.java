package dev.hearth.gateway.broker;

import dev.hearth.gateway.yaml.Secret;
import java.util.Optional;

/** The embedded HiveMQ CE broker, used when {@code mqtt.embedded} is true. */
public record BrokerSettings(String bind, int port, Optional<String> username, Optional<Secret> password) {

    /** Where the gateway reaches it; an IPv6 literal is bracketed, as URLs need ({@code tcp://[::1]:1883}). */
    public String url() {
        return "tcp://" + hostPort();
    }

    /** {@code host:port}, the host bracketed when it is an IPv6 literal. */
    public String hostPort() {
        return (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + port;
    }

    public boolean loopbackOnly() {
        return bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
    }
}
