package dev.hearth.gateway.message;

import dev.hearth.gateway.bus.LocalMessage;

import java.time.Instant;

/**
 * A message received from the broker, copied off Paho's callback thread. {@code ackToken} (0 when
 * nothing is to be acknowledged) goes back in {@link Handled} once the message's effects are durable:
 * only then does the broker get its PUBACK.
 */
public record InboundMessage(String topic, byte[] payload, int qos, boolean retained, Instant receivedAt, long ackToken)
        implements Inbound {

    public InboundMessage(String topic, byte[] payload, int qos, boolean retained, Instant receivedAt) {
        this(topic, payload, qos, retained, receivedAt, 0);
    }

    /** Body of {@code hearth.mqtt.inbound-handled}: every command the message caused has been handed to the outbox. */
    public record Handled(long ackToken) implements LocalMessage {
    }

    @Override
    public String toString() {
        return "InboundMessage[" + topic + ", " + payload.length + " bytes, qos " + qos + (retained ? ", retained]" : "]");
    }
}
