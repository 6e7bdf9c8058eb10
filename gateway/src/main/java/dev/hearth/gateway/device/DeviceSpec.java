package dev.hearth.gateway.device;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One device: identity, kind (for the dashboard and the built-in attributes), its {@link DeviceFormat} (topics and
 * payloads), where it reports being reachable (if anywhere), and its attributes.
 */
public record DeviceSpec(DeviceId id, String name, String room, DeviceKind kind, DeviceFormat format,
                         Optional<String> availabilityTopic, Map<String, AttributeSpec> attributes) {

    public DeviceSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(availabilityTopic, "availabilityTopic");
        attributes = Map.copyOf(attributes);
    }

    /** A device in its format's own layout: availability where the format says. */
    public DeviceSpec(DeviceId id, String name, String room, DeviceKind kind, DeviceFormat format, Map<String, AttributeSpec> attributes) {
        this(id, name, room, kind, format, format.availabilityTopic(), attributes);
    }

    /**
     * An entry Hearth keeps itself (a helper, a person): no MQTT topics, so no route leads to it; a helper takes
     * commands, applied at once by the home without an echo.
     */
    public static DeviceSpec local(DeviceId id, String name, String room, DeviceKind kind, Map<String, AttributeSpec> attributes) {
        if (!kind.local()) throw new IllegalArgumentException(kind + " is not a local kind");
        return new DeviceSpec(id, name, room, kind, new MappedFormat(), Optional.empty(), attributes);
    }

    public boolean isLocal() {
        return kind.local();
    }

    /** Whether anything about it can be set: an attribute its format or its own command template can write. */
    public boolean acceptsCommands() {
        for (AttributeSpec a : attributes.values()) if (commandable(a)) return true;
        return false;
    }

    /** A helper's writable attributes are set by the home itself; a device's through its template or its format. */
    public boolean commandable(AttributeSpec a) {
        if (kind == DeviceKind.HELPER) return a.writable();
        return a.writable() && (a.mapping().command().isPresent() || format.commands(a));
    }

    public Optional<AttributeSpec> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** Those of {@code names} the device reports, with their specs: the ones a command's echo can confirm. */
    public Map<String, AttributeSpec> reported(Set<String> names) {
        Map<String, AttributeSpec> out = new java.util.HashMap<>();
        for (String n : names) {
            AttributeSpec a = attributes.get(n);
            if (a != null && a.reported()) out.put(n, a);
        }
        return out;
    }
}
