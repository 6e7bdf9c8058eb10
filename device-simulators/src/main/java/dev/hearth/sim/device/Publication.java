package dev.hearth.sim.device;

/** One MQTT message a device wants published. */
public record Publication(String topic, String payload, boolean retained) {
}
