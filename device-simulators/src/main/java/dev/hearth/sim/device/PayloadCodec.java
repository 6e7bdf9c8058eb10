package dev.hearth.sim.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns device state into MQTT payloads and command payloads back into attribute maps, per convention. */
public sealed interface PayloadCodec permits JsonStateCodec, ValuePerTopicCodec {
    /** Messages that publish {@code changed} attributes (a JSON device always sends its whole state). */
    List<Publication> encodeState(DeviceTopics topics, Map<String, Object> state, Set<String> changed);

    /** Attribute values of a command, or empty if the message is not a command this codec understands. */
    Optional<Map<String, Object>> decodeCommand(DeviceTopics topics, String topic, byte[] payload);

    String availability(boolean online);

    /** Whole numbers go out without ".0", like real devices report brightness or illuminance. */
    static Object normalize(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        if (value instanceof Float f) {
            return normalize(f.doubleValue());
        }
        return value;
    }
}
