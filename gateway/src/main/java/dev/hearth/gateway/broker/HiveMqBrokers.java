package dev.hearth.gateway.broker;

import java.nio.file.Path;

/** The embedded broker that {@code lib/hearth-broker.jar} provides: HiveMQ CE ({@link EmbeddedBroker}). */
public final class HiveMqBrokers implements EmbeddedBrokers {
    @Override
    public AutoCloseable start(BrokerSettings settings, Path home) {
        return EmbeddedBroker.start(settings, home);
    }
}
