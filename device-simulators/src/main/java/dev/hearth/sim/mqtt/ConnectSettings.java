package dev.hearth.sim.mqtt;

import java.util.Optional;

/** What every CONNECT of one client carries. */
record ConnectSettings(String brokerUrl, String clientId, int keepAliveSeconds, Optional<Will> will) {
    record Will(String topic, byte[] payload, boolean retained) {
    }
}
