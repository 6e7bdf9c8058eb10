package dev.hearth.gateway.device;

import java.util.Objects;
import java.util.Optional;

/**
 * What devices.yaml says about a discovered device, keyed by its id: a name and room for people, the kind the
 * dashboard shows it as, whether it is hidden there. Anything left out stays as discovered.
 */
public record DeviceOverride(DeviceId id, Optional<String> name, Optional<String> room, Optional<DeviceKind> kind,
                             boolean hidden) {
    public DeviceOverride {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(kind, "kind");
    }

    /** The discovered device as the user wants it. */
    public DeviceSpec applyTo(DeviceSpec d) {
        return new DeviceSpec(d.id(), name.orElse(d.name()), room.orElse(d.room()), kind.orElse(d.kind()), d.format(),
                d.availabilityTopic(), d.attributes());
    }
}
