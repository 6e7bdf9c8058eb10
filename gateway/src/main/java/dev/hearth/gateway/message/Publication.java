package dev.hearth.gateway.message;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One MQTT message the gateway must send. The payload array is never modified after construction.
 * {@code kind} decides its priority and lifetime in the outbox; {@code userProperties} travel as MQTT v5
 * user properties (the correlation id of a command, for example); {@code correlationData} (empty: none) is the MQTT 5
 * correlation data of a response (the uplink's answers to remote commands).
 */
public record Publication(String topic, byte[] payload, int qos, boolean retained, Kind kind,
                          Map<String, String> userProperties, byte[] correlationData) implements LocalMessage {

    /** What a publication is, for the outbox: commands drain first and live shorter. */
    public enum Kind {
        COMMAND,
        TELEMETRY
    }

    /** Shared: an empty array has nothing to change. */
    private static final byte[] NO_CORRELATION_DATA = new byte[0];

    public Publication {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(kind, "kind");
        userProperties = Map.copyOf(userProperties);
        Objects.requireNonNull(correlationData, "correlationData");
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) throw new IllegalArgumentException("bad topic: " + topic);
        if (qos < 0 || qos > 2) throw new IllegalArgumentException("qos " + qos);
    }

    public Publication(String topic, byte[] payload, int qos, boolean retained, Kind kind, Map<String, String> userProperties) {
        this(topic, payload, qos, retained, kind, userProperties, NO_CORRELATION_DATA);
    }

    /** A telemetry publication without user properties: what the gateway publishes about itself. */
    public Publication(String topic, byte[] payload, int qos, boolean retained) {
        this(topic, payload, qos, retained, Kind.TELEMETRY, Map.of());
    }

    public Publication withKind(Kind newKind) {
        return new Publication(topic, payload, qos, retained, newKind, userProperties, correlationData);
    }

    public Publication withTopic(String newTopic) {
        return new Publication(newTopic, payload, qos, retained, kind, userProperties, correlationData);
    }

    public Publication withUserProperty(String name, String value) {
        // A command's correlation id is usually its only property: no map to copy then.
        if (userProperties.isEmpty()) return new Publication(topic, payload, qos, retained, kind, Map.of(name, value), correlationData);
        Map<String, String> props = new LinkedHashMap<>(userProperties);
        props.put(name, value);
        return new Publication(topic, payload, qos, retained, kind, props, correlationData);
    }

    /** Bytes this publication occupies in the outbox (topic and payload). */
    public long size() {
        return topic.length() + payload.length;
    }

    @Override
    public String toString() {
        return "Publication[" + kind.name().toLowerCase() + " " + topic + ", " + payload.length + " bytes, qos " + qos
                + (retained ? ", retained]" : "]");
    }
}
