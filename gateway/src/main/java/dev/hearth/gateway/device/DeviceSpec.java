package dev.hearth.gateway.device;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One configured device: identity, kind, attributes and MQTT addressing.
 * For {@link PayloadFormat#VALUE_PER_TOPIC} the state topic is a base and the command topic a
 * pattern containing {@code {attribute}}.
 */
public record DeviceSpec(DeviceId id, String name, String room, DeviceKind kind, PayloadFormat format,
                         String stateTopic, Optional<String> commandTopic, String availabilityTopic,
                         Map<String, AttributeSpec> attributes) {

    public static final String ATTRIBUTE_PLACEHOLDER = "{attribute}";

    public DeviceSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(stateTopic, "stateTopic");
        Objects.requireNonNull(availabilityTopic, "availabilityTopic");
        attributes = Map.copyOf(attributes);
        if (commandTopic.isPresent() && !hasWritable(attributes)) {
            throw new IllegalArgumentException(id + " has a command topic but no attribute can be set");
        }
    }

    /**
     * An entry Hearth keeps itself (a helper, a person): no MQTT topics, so no route leads to it; a helper takes
     * commands, applied at once by the home without an echo.
     */
    public static DeviceSpec local(DeviceId id, String name, String room, DeviceKind kind, Map<String, AttributeSpec> attributes) {
        if (!kind.local()) throw new IllegalArgumentException(kind + " is not a local kind");
        return new DeviceSpec(id, name, room, kind, PayloadFormat.JSON, "", Optional.empty(), "", attributes);
    }

    public boolean isLocal() {
        return kind.local();
    }

    public boolean acceptsCommands() {
        return commandTopic.isPresent() || (kind == DeviceKind.HELPER && hasWritable(attributes));
    }

    public Optional<AttributeSpec> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** Topic on which a value-per-topic device reports {@code attribute}. */
    public String attributeTopic(String attribute) {
        return stateTopic + "/" + attribute;
    }

    /** Topic to which a command for {@code attribute} is published. */
    public String commandTopicFor(String attribute) {
        String topic = commandTopic.orElseThrow(() -> new IllegalStateException(id + " accepts no commands"));
        return format == PayloadFormat.VALUE_PER_TOPIC ? topic.replace(ATTRIBUTE_PLACEHOLDER, attribute) : topic;
    }

    /** Those of {@code attributes} the device reports: the ones a command's echo can confirm. */
    public Set<String> reported(Set<String> attributes) {
        return attributes.stream().filter(a -> attribute(a).map(AttributeSpec::reported).orElse(true))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static boolean hasWritable(Map<String, AttributeSpec> attributes) {
        return attributes.values().stream().anyMatch(AttributeSpec::writable);
    }
}
