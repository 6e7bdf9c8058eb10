package dev.hearth.sim.scenario;

import dev.hearth.sim.device.DeviceSpec;
import dev.hearth.sim.physics.OutsideClimate;
import dev.hearth.sim.physics.Sun;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated evening (or day): a home, outside conditions and a timeline played from
 * {@code start} to {@code end} at {@code acceleration} simulated seconds per real second.
 * {@code date} pins the calendar day (sun times in a gateway depend on it); empty means today.
 * {@code announce} lists what the home publishes besides device state (bridge list, discovery).
 */
public record Scenario(String name, LocalTime start, LocalTime end, double acceleration, OutsideClimate outside,
                       Sun sun, List<RoomSpec> rooms, List<TimelineEvent> timeline, Optional<LocalDate> date,
                       Set<Announcement> announce) {
    public Scenario {
        rooms = List.copyOf(rooms);
        announce = Set.copyOf(announce);
        LocalTime from = start;
        timeline = timeline.stream().sorted(Comparator.comparing(e -> offset(from, e.at()))).toList();
    }

    public Scenario withAcceleration(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("acceleration must be positive, got " + factor);
        }
        return new Scenario(name, start, end, factor, outside, sun, rooms, timeline, date, announce);
    }

    public List<DeviceSpec> devices() {
        return rooms.stream().flatMap(r -> r.devices().stream()).toList();
    }

    public Optional<DeviceSpec> device(String id) {
        return devices().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public List<Expectation> expectations() {
        return timeline.stream().flatMap(e -> e.expectations().stream()).toList();
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

    /** "1s", "10m", "1h30m", "0.4s": how reports and expectations print durations. */
    static String describe(Duration d) {
        if (d.compareTo(Duration.ofMinutes(1)) < 0 && (d.toMillis() % 1000 != 0 || d.isZero())) {
            return number(d.toMillis() / 1000.0) + "s";
        }
        long s = Math.round(d.toMillis() / 1000.0);
        return (s >= 3600 ? s / 3600 + "h" : "") + (s % 3600 >= 60 ? s % 3600 / 60 + "m" : "")
                + (s % 60 > 0 ? s % 60 + "s" : "");
    }

    /** 21 rather than 21.0; 0.35 stays 0.35. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(Math.round(value * 1000) / 1000.0);
    }
}
