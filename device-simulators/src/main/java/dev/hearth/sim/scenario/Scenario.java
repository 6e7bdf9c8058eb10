package dev.hearth.sim.scenario;

import dev.hearth.sim.physics.OutsideClimate;
import dev.hearth.sim.physics.Sun;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A simulated evening (or day): a home, outside conditions and a timeline played from
 * {@code start} to {@code end} at {@code acceleration} simulated seconds per real second.
 */
public record Scenario(String name, LocalTime start, LocalTime end, double acceleration, OutsideClimate outside,
                       Sun sun, List<RoomSpec> rooms, List<TimelineEvent> timeline) {
    public Scenario {
        rooms = List.copyOf(rooms);
        LocalTime from = start;
        timeline = timeline.stream().sorted(Comparator.comparing(e -> offset(from, e.at()))).toList();
    }

    public List<DeviceSpec> devices() {
        return rooms.stream().flatMap(r -> r.devices().stream()).toList();
    }

    public Optional<DeviceSpec> device(String id) {
        return devices().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Simulated length; an end before the start means the scenario runs past midnight. */
    public Duration length() {
        return offset(start, end);
    }

    /** Simulated time from {@code start} until {@code at}, wrapping past midnight. */
    public static Duration offset(LocalTime start, LocalTime at) {
        Duration d = Duration.between(start, at);
        return d.isNegative() ? d.plusDays(1) : d;
    }

    public Duration realLength() {
        return Duration.ofNanos((long) (length().toNanos() / acceleration));
    }
}
