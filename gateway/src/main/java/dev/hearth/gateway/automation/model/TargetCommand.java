package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A command to every device of a room, of a kind, of a group, or where these meet ({@code room: living_room, kind:
 * light}). Which devices those are is decided when it runs, from the devices known then (discovery adds and removes
 * them while the home runs); each gets the values as its own attributes take them, once.
 */
public record TargetCommand(Target target, Map<String, Template> set) implements Action {
    public TargetCommand {
        Objects.requireNonNull(target, "target");
        set = java.util.Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(set)));
    }

    /** Devices by room, kind and group membership (each optional, at least one given); helpers and people never. */
    public record Target(Optional<String> room, Optional<DeviceKind> kind, Optional<String> group, List<DeviceId> members) {
        public Target {
            members = List.copyOf(members);
            if (room.isEmpty() && kind.isEmpty() && group.isEmpty()) throw new IllegalArgumentException("a target names something");
        }

        public boolean matches(DeviceSpec d) {
            return !d.kind().local() && room.map(r -> r.equals(d.room())).orElse(true) && kind.map(k -> k == d.kind()).orElse(true)
                    && (group.isEmpty() || members.contains(d.id()));
        }

        /** The devices it names among {@code devices}: a group's in the group's order, else by id. */
        public List<DeviceSpec> resolve(Collection<DeviceSpec> devices) {
            Comparator<DeviceSpec> order = group.isPresent() ? Comparator.comparingInt(d -> members.indexOf(d.id()))
                    : Comparator.comparing(d -> d.id().value());
            return devices.stream().filter(this::matches).sorted(order).toList();
        }

        @Override
        public String toString() {
            return String.join(" ", java.util.stream.Stream.of(group.map(g -> "group " + g), room.map(r -> "room " + r),
                    kind.map(k -> "kind " + k.yamlName())).flatMap(Optional::stream).toList());
        }
    }

    @Override
    public String describe() {
        return "command " + target + " " + set;
    }
}
