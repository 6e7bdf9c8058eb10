package dev.hearth.gateway.device;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Immutable snapshot of one device; the registry replaces it on every change. */
public record DeviceState(DeviceId id, Map<String, AttributeState> attributes, Availability availability,
                          Optional<Instant> lastSeen) {

    public DeviceState {
        attributes = Map.copyOf(attributes);
    }

    public static DeviceState initial(DeviceId id) {
        return new DeviceState(id, Map.of(), Availability.UNKNOWN, Optional.empty());
    }

    public Optional<Value> value(String attribute) {
        AttributeState s = attributes.get(attribute);
        return s == null ? Optional.empty() : Optional.of(s.value());
    }

    DeviceState withAttributes(Map<String, AttributeState> changed, Instant at) {
        Map<String, AttributeState> merged = new HashMap<>(attributes);
        merged.putAll(changed);
        return withAll(merged, at);
    }

    /** {@code all}: every attribute of the device, this snapshot's merged with the new ones. */
    DeviceState withAll(Map<String, AttributeState> all, Instant at) {
        return new DeviceState(id, all, availability, Optional.of(at));
    }

    DeviceState withAvailability(Availability value, Instant at) {
        return new DeviceState(id, attributes, value, Optional.of(at));
    }
}
