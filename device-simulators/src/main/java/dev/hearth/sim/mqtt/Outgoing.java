package dev.hearth.sim.mqtt;

/** One message waiting to be published; {@code seq} orders it and identifies it while in flight. */
record Outgoing(long seq, String topic, byte[] payload, int qos, boolean retained) {
    Outgoing {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2: " + qos);
        }
    }
}
