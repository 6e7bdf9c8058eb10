package dev.hearth.sim.load;

import java.time.Duration;

/**
 * A load run: {@code devices} virtual sensors sharing {@code connections} MQTT connections publish
 * {@code rate} messages per second in total for {@code duration}; {@code lights} simulated lights are
 * commanded {@code commandRate} times per second to measure round-trip latency.
 */
public record LoadConfig(String brokerUrl, int devices, double rate, Duration duration, int connections,
                         int lights, double commandRate, String topicPrefix, int qos) {
    public LoadConfig {
        require(devices > 0, "devices must be at least 1");
        require(rate > 0, "rate must be positive");
        require(!duration.isNegative() && !duration.isZero(), "duration must be positive");
        require(connections > 0, "connections must be at least 1");
        require(lights >= 0, "lights must not be negative");
        require(commandRate >= 0, "command rate must not be negative");
        require(qos == 0 || qos == 1, "qos must be 0 or 1");
        connections = Math.min(connections, devices);
    }

    public static LoadConfig of(String brokerUrl, int devices, double rate, Duration duration) {
        return new LoadConfig(brokerUrl, devices, rate, duration, Math.min(devices, 10), 1, 10, "hearth-load", 1);
    }

    public LoadConfig withLights(int count, double perSecond) {
        return new LoadConfig(brokerUrl, devices, rate, duration, connections, count, perSecond, topicPrefix, qos);
    }

    public LoadConfig withTopicPrefix(String prefix) {
        return new LoadConfig(brokerUrl, devices, rate, duration, connections, lights, commandRate, prefix, qos);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
