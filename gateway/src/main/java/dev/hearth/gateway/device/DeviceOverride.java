package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What devices.yaml says about a discovered device, keyed by its id: a name and room for people, the kind the
 * dashboard shows it as, whether it is hidden there, and changes to its attributes (how each is carried, or new ones).
 * Anything left out stays as discovered.
 */
public record DeviceOverride(DeviceId id, Optional<String> name, Optional<String> room, Optional<DeviceKind> kind,
                             boolean hidden, Optional<Attributes> attributes) {
    public DeviceOverride {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(attributes, "attributes");
    }

    public DeviceOverride(DeviceId id, Optional<String> name, Optional<String> room, Optional<DeviceKind> kind, boolean hidden) {
        this(id, name, room, kind, hidden, Optional.empty());
    }

    /**
     * The {@code attributes:} of an override as written: they are read when the device is discovered, since what
     * they mean (a source path, whether the device can set an attribute by itself) depends on the device's format.
     */
    public record Attributes(String file, Node node) {
        public Attributes {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(node, "node");
        }
    }

    /** The discovered device as the user wants it; a problem in its attributes is added, with its position, and that attribute stays as discovered. */
    public DeviceSpec applyTo(DeviceSpec d, Problems problems) {
        Map<String, AttributeSpec> attrs = d.attributes();
        if (attributes.isPresent()) {
            Map<String, AttributeSpec> changed = new LinkedHashMap<>(attrs);
            YamlMap.of(attributes.get().file(), attributes.get().node(), problems, "attributes")
                    .ifPresent(m -> new AttributeReader(d.format()).read(m, changed));
            attrs = changed;
        }
        return new DeviceSpec(d.id(), name.orElse(d.name()), room.orElse(d.room()), kind.orElse(d.kind()), d.format(),
                d.availabilityTopic(), attrs);
    }
}
