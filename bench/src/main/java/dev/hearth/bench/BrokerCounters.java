package dev.hearth.bench;

import org.eclipse.paho.mqttv5.common.MqttException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mosquitto's own count of messages it dropped (a subscriber's queue full), from
 * {@code $SYS/broker/publish/messages/dropped}, refreshed every {@code sys_interval} second.
 */
final class BrokerCounters implements AutoCloseable {
    static final String DROPPED = "$SYS/broker/publish/messages/dropped";

    private final MqttPort port;
    private final AtomicLong dropped = new AtomicLong(-1);

    BrokerCounters(String brokerUrl) throws MqttException {
        port = MqttPort.connect(brokerUrl, "bench-sys", (topic, payload) -> {
            try {
                dropped.set(Long.parseLong(new String(payload, StandardCharsets.UTF_8).trim()));
            } catch (NumberFormatException e) {
                // Not a counter; keep the last value.
            }
        });
        port.subscribe(DROPPED, 0);
    }

    /** The last value Mosquitto published; -1 before the first. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        port.close();
    }
}
