package dev.hearth.sim.device;

import java.util.Objects;
import java.util.Optional;

/** One device's MQTT addressing: where state, commands and availability live under its convention. */
public record DeviceTopics(Convention convention, String base) {
    public DeviceTopics {
        Objects.requireNonNull(convention, "convention");
        if (base == null || base.isBlank() || base.endsWith("/") || base.contains("+") || base.contains("#")) {
            throw new IllegalArgumentException("invalid device topic: '" + base + "'");
        }
    }

    public static DeviceTopics zigbee2mqtt(String stateTopic) {
        return new DeviceTopics(Convention.ZIGBEE2MQTT, stateTopic);
    }

    public static DeviceTopics valuePerTopic(String baseTopic) {
        return new DeviceTopics(Convention.VALUE_PER_TOPIC, baseTopic);
    }

    /** The JSON state topic (Zigbee2MQTT) or the base topic (value per topic). */
    public String stateTopic() {
        return base;
    }

    /** Where a single attribute's value is published under VALUE_PER_TOPIC. */
    public String attributeTopic(String attribute) {
        return base + "/" + attribute;
    }

    /** Filter the device subscribes to for commands. */
    public String commandFilter() {
        return switch (convention) {
            case ZIGBEE2MQTT -> base + "/set";
            case VALUE_PER_TOPIC -> base + "/+/set";
        };
    }

    /**
     * Where a controller asks for the device's state (Zigbee2MQTT's {@code <base>/get}): the device answers with its
     * state on the state topic. Empty for value-per-topic devices, which have no such request.
     */
    public Optional<String> readTopic() {
        return convention == Convention.ZIGBEE2MQTT ? Optional.of(base + "/get") : Optional.empty();
    }

    /** Where a controller sends a command for one attribute ({@code <base>/set} for JSON). */
    public String commandTopic(String attribute) {
        return switch (convention) {
            case ZIGBEE2MQTT -> base + "/set";
            case VALUE_PER_TOPIC -> base + "/" + attribute + "/set";
        };
    }

    public String availabilityTopic() {
        return switch (convention) {
            case ZIGBEE2MQTT -> base + "/availability";
            case VALUE_PER_TOPIC -> base + "/$state";
        };
    }

    public String onlinePayload() {
        return codec().availability(true);
    }

    public String offlinePayload() {
        return codec().availability(false);
    }

    public PayloadCodec codec() {
        return convention.codec();
    }
}
