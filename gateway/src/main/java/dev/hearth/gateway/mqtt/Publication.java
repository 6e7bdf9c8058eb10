package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.Objects;

/** One MQTT message the gateway must send. The payload array is never modified after construction. */
public record Publication(String topic, byte[] payload, int qos, boolean retained) implements LocalMessage {
    public Publication {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) throw new IllegalArgumentException("bad topic: " + topic);
        if (qos < 0 || qos > 2) throw new IllegalArgumentException("qos " + qos);
    }

    @Override
    public String toString() {
        return "Publication[" + topic + ", " + payload.length + " bytes, qos " + qos + (retained ? ", retained]" : "]");
    }
}
