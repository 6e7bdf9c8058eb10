package dev.hearth.gateway.device;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * How a device's MQTT topics and payloads carry its attributes: where each attribute is reported, where the device
 * says it is reachable, and how a command is written. One file per format, registered in {@link DeviceFormats}.
 * Decoding is shared ({@link PayloadDecoder} reads any topic as the {@link Source}s on it say); a format only says
 * where things are. An attribute's {@link AttributeMapping} overrides its format: its own topic and its own command.
 */
public sealed interface DeviceFormat permits JsonFormat, ValuePerTopicFormat, TasmotaFormat, ShellyGen2Format, MappedFormat {

    /** A place an attribute is reported: a topic, and the path of field names to it in a JSON payload (empty: the whole payload). */
    record Source(String topic, List<String> path) {
        public Source {
            Objects.requireNonNull(topic, "topic");
            path = List.copyOf(path);
        }
    }

    /** One message of a command, before it becomes a publication (commands are never retained, QoS 1). */
    record Command(String topic, String payload) {
    }

    /** Its name in devices.yaml ({@code format: …}). */
    String yamlName();

    /** Where the device says whether it is reachable, unless devices.yaml names a topic; empty when it does not say. */
    Optional<String> availabilityTopic();

    /**
     * What a built-in kind's attribute becomes in this format (a Tasmota light's brightness is its Dimmer, 0 to
     * 100); empty when the format has no such thing. Most formats take the attribute as it is.
     */
    default Optional<AttributeSpec> shortcut(AttributeSpec kindAttribute) {
        return Optional.of(kindAttribute);
    }

    /**
     * What an attribute written in devices.yaml with no {@code source}, {@code topic} or {@code values} becomes in this
     * format (Tasmota's {@code switch1} event is {@code Switch1.Action}); most formats take it as it is.
     */
    default AttributeSpec declared(AttributeSpec attribute) {
        return attribute;
    }

    /** Where this format reports {@code attribute} (one whose mapping names no topic of its own). */
    List<Source> sources(AttributeSpec attribute);

    /** Whether this format can write a command for {@code attribute} by itself (without a command template). */
    default boolean commands(AttributeSpec attribute) {
        return true;
    }

    /**
     * The messages that set {@code values}: each already accepted by its attribute in {@code attributes}, each one
     * the format {@link #commands}, none with a command template of its own.
     */
    List<Command> encode(Map<String, AttributeSpec> attributes, SortedMap<String, Value> values);

    /**
     * The message that asks the device to report the attributes it can be asked for ({@link Access#gettable}), sent
     * once it is discovered so that a value it published before its topics were subscribed is not missed; empty when
     * the format has no such request or no attribute can be asked for.
     */
    default Optional<Command> stateRequest(Map<String, AttributeSpec> attributes) {
        return Optional.empty();
    }

    /** Where the attribute is reported, its mapping's topic first. */
    static List<Source> sourcesOf(DeviceFormat format, AttributeSpec attribute) {
        AttributeMapping m = attribute.mapping();
        if (m.topic().isPresent()) return List.of(new Source(m.topic().get(), m.source()));
        return format.sources(attribute);
    }

    /** The attribute's path in a format whose payloads name attributes: its mapping's source, or its own name. */
    static List<String> pathOf(AttributeSpec attribute) {
        return attribute.mapping().source().isEmpty() ? List.of(attribute.name()) : attribute.mapping().source();
    }
}
