package dev.hearth.gateway.message;

import java.time.Instant;

/**
 * A message received from the broker, copied off Paho's callback thread. {@code ackToken} (0 when
 * nothing is to be acknowledged) goes back to the outbox's command path once the message has been applied:
 * the broker gets its PUBACK when the commands it caused are safe. {@code request} carries the MQTT 5
 * request/response properties (the uplink's remote commands read them; {@link RequestProperties#NONE} without).
 */
public record InboundMessage(String topic, byte[] payload, int qos, boolean retained, Instant receivedAt, long ackToken,
                             RequestProperties request) implements Inbound {

    public InboundMessage(String topic, byte[] payload, int qos, boolean retained, Instant receivedAt, long ackToken) {
        this(topic, payload, qos, retained, receivedAt, ackToken, RequestProperties.NONE);
    }

    public InboundMessage(String topic, byte[] payload, int qos, boolean retained, Instant receivedAt) {
        this(topic, payload, qos, retained, receivedAt, 0);
    }

    @Override
    public String toString() {
        return "InboundMessage[" + topic + ", " + payload.length + " bytes, qos " + qos + (retained ? ", retained]" : "]");
    }
}
