package dev.hearth.gateway.discovery;

import java.util.List;

/**
 * One discovery convention (Zigbee2MQTT's bridge, Home Assistant's config topics, Tasmota's): which topics it listens
 * to, and what a message on them says about the home's devices. Its messages arrive like any other inbound message,
 * on the home's thread, in order; a source keeps what it needs to tell a rename from a new device. Plain Java.
 */
public interface DiscoverySource {
    /** For the log: {@code zigbee2mqtt (base topic zigbee2mqtt)}. */
    String name();

    /** The topic filters to subscribe to from the start. */
    List<String> topics();

    /** Whether a message on {@code topic} is this source's (asked before a device's routes). */
    boolean handles(String topic);

    /** What one message on a topic it {@link #handles} says: devices found, renamed, lost or (un)reachable, or why it was refused. */
    List<DiscoveryChange> receive(String topic, byte[] payload);
}
