package dev.hearth.gateway.device;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Immutable snapshot of one device; the registry replaces it on every change. */
public record DeviceState(DeviceId id, Map<String, AttributeState> attributes, Availability availability,
                          Optional<Instant> lastSeen) {

    public DeviceState {
        attributes = OwnedMap.copyOf(attributes);
    }

    public static DeviceState initial(DeviceId id) {
        return new DeviceState(id, Map.of(), Availability.UNKNOWN, Optional.empty());
    }

    public Optional<Value> value(String attribute) {
        AttributeState s = attributes.get(attribute);
        return s == null ? Optional.empty() : Optional.of(s.value());
    }

    DeviceState withAttributes(Map<String, AttributeState> changed, Instant at) {
        HashMap<String, AttributeState> merged = OwnedMap.mutableCopy(attributes);
        merged.putAll(changed);
        return withAll(merged, at);
    }

    /** {@code all}: every attribute of the device, this snapshot's merged with the new ones, handed over (not copied). */
    DeviceState withAll(HashMap<String, AttributeState> all, Instant at) {
        return new DeviceState(id, OwnedMap.of(all), availability, Optional.of(at));
    }

    DeviceState withAvailability(Availability value, Instant at) {
        return new DeviceState(id, attributes, value, Optional.of(at));
    }
}
