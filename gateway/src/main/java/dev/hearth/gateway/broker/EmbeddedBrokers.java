package dev.hearth.gateway.broker;

import java.nio.file.Path;

/**
 * The embedded MQTT broker is an optional part: {@code lib/hearth-broker.jar} (HiveMQ CE and what it needs, ~20 MB)
 * lists its implementation in {@code META-INF/services/dev.hearth.gateway.broker.EmbeddedBrokers}; the lean
 * {@code lib/hearth.jar} holds neither, and the broker's jar is opened only when a configuration asks for the broker
 * ({@link BrokerJar}), so a home with its own broker (Mosquitto) does not carry it.
 */
public interface EmbeddedBrokers {

    /** Starts the broker with its files under {@code home}; blocks until it accepts connections. */
    AutoCloseable start(BrokerSettings settings, Path home);

    /** Whether the broker is installed ({@link BrokerJar}): {@code hearth check} fails early, as {@code run} would. */
    static boolean installed() {
        return BrokerJar.find().isPresent();
    }

    /** Starts the installed embedded broker, or fails with {@link Missing} when it is not installed. */
    static AutoCloseable startInstalled(BrokerSettings settings, Path home) {
        BrokerJar.Found found = BrokerJar.find().orElseThrow(Missing::new);
        // Threads the broker starts inherit this loader; libraries that look up their parts through it (JAXB reads
        // the broker's config.xml) then find them in the broker's jar.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(found.loader());
        try {
            return found.brokers().start(settings, home);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** {@code mqtt.embedded: true} without the embedded broker installed: a configuration error, nothing was started. */
    final class Missing extends RuntimeException {
        public Missing() {
            super("mqtt.embedded is true but the embedded broker is not installed (lib/hearth-broker.jar beside lib/hearth.jar);"
                    + " set mqtt.embedded: false and mqtt.url to your broker (e.g. tcp://127.0.0.1:1883 for Mosquitto),"
                    + " or install the broker (the hearth-broker package)");
        }
    }
}
