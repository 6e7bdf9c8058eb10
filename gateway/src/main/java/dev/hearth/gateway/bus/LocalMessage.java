package dev.hearth.gateway.bus;

/**
 * Marker for immutable records sent over the event bus inside this JVM. {@link LocalCodec} passes them
 * by reference: no JSON or Java-serialization copy on every send.
 */
public interface LocalMessage {
}
