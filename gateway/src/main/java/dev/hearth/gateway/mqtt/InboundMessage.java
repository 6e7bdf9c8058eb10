package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.bus.LocalMessage;

import java.time.Instant;

/** A message received from the broker, copied off Paho's callback thread. */
public record InboundMessage(String topic, byte[] payload, int qos, boolean retained, Instant receivedAt)
        implements LocalMessage {

    @Override
    public String toString() {
        return "InboundMessage[" + topic + ", " + payload.length + " bytes, qos " + qos + (retained ? ", retained]" : "]");
    }
}
