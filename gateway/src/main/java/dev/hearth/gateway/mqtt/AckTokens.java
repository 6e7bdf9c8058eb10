package dev.hearth.gateway.mqtt;

/**
 * An inbound QoS 1 or 2 message's identity on one connection, packed in a {@code long} that travels with the
 * message through the gateway and comes back to {@link MqttLink#ack}: the connection's generation, the
 * packet id and the QoS. 0 means nothing to acknowledge (QoS 0).
 */
final class AckTokens {
    private AckTokens() {
    }

    static long of(int generation, int messageId, int qos) {
        return qos == 0 ? 0 : ((long) generation << 32) | ((long) messageId << 2) | qos;
    }

    static int generation(long token) {
        return (int) (token >>> 32);
    }

    static int messageId(long token) {
        return (int) ((token & 0xFFFF_FFFFL) >>> 2);
    }

    static int qos(long token) {
        return (int) (token & 3);
    }
}
