package dev.hearth.gateway.discovery.homeassistant;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code device} block: entities with a common identifier (or connection) are one device. {@code identifiers}
 * holds the identifiers, then the connections written {@code type:value}, as the config gave them.
 */
public record HaDevice(List<String> identifiers, Optional<String> name, Optional<String> manufacturer,
                       Optional<String> model, Optional<String> swVersion, Optional<String> suggestedArea) {
    public HaDevice {
        identifiers = List.copyOf(identifiers);
        Objects.requireNonNull(name, "name");
    }

    /** Whether this block and {@code other} describe the same device (Home Assistant: any identifier in common). */
    public boolean sameAs(HaDevice other) {
        return identifiers.stream().anyMatch(other.identifiers::contains);
    }
}
