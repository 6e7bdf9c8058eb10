package dev.hearth.gateway.announce;

import java.util.Objects;

/**
 * {@code discovery.homeassistant.publish: true}: Hearth announces its own entities under {@code prefix}, as the
 * device {@code hearth_<gatewayId>}; its topics live under the gateway's {@code baseTopic}, whose retained
 * {@code status} (online/offline, and the will) is every entity's availability.
 */
public record AnnounceSettings(String prefix, String gatewayId, String baseTopic, String version) {
    public AnnounceSettings {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(baseTopic, "baseTopic");
        Objects.requireNonNull(version, "version");
    }

    /** The node id in discovery topics and the device identifier. */
    String node() {
        return nodeOf(gatewayId);
    }

    /** Hearth's node id and device identifier for a gateway id, so that discovery never reads it back as a device. */
    public static String nodeOf(String gatewayId) {
        return "hearth_" + gatewayId.toLowerCase().replaceAll("[^a-z0-9_-]", "_");
    }

    String statusTopic() {
        return baseTopic + "/status";
    }

    /** Where Hearth's entities are commanded and report, below the gateway's own topics. */
    String own(String rest) {
        return baseTopic + "/ha/" + rest;
    }
}
