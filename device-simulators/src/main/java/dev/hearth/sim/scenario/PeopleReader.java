package dev.hearth.sim.scenario;

import dev.hearth.sim.device.Action;
import dev.hearth.sim.device.DeviceKind;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

/**
 * Turns the people of a scenario into motion on the timeline: each person arrives through the first
 * of their rooms, stays a random while (exponential, around {@code stay}) in a room, moves to another
 * one at random, keeps the room's motion sensors triggered while there, and leaves the way they came.
 * The same {@code seed} always gives the same evening.
 */
final class PeopleReader {
    private static final Set<String> PERSON = Set.of("arrives", "leaves", "rooms", "stay");
    private static final Duration FIDGET = Duration.ofMinutes(2);

    private final List<RoomSpec> rooms;
    private final LocalTime start;
    private final LocalTime end;
    private final Random random;

    PeopleReader(List<RoomSpec> rooms, LocalTime start, LocalTime end, long seed) {
        this.rooms = rooms;
        this.start = start;
        this.end = end;
        this.random = new Random(seed);
    }

    /** Reads {@code people:} and returns the motion events they cause, in no particular order. */
    List<TimelineEvent> events(YamlCursor people) {
        YamlCursor.Fields all = people.mapping(null);
        List<TimelineEvent> events = new ArrayList<>();
        for (String name : all.names()) {
            events.addAll(person(Values.name(all.key(name)), all.required(name)));
        }
        return events;
    }

    private List<TimelineEvent> person(String name, YamlCursor cursor) {
        YamlCursor.Fields f = cursor.mapping(PERSON);
        Duration arrives = f.optional("arrives").map(this::offset).orElse(Duration.ZERO);
        Optional<Duration> leaving = f.optional("leaves").map(this::offset);
        Duration leaves = leaving.orElse(Scenario.offset(start, end));
        if (leaves.compareTo(arrives) <= 0) {
            throw cursor.error(name + " leaves before arriving");
        }
        List<RoomSpec> route = route(f.required("rooms"));
        Duration stay = f.optional("stay").map(Values::duration).orElse(Duration.ofMinutes(20));
        if (stay.isZero() || stay.isNegative()) {
            throw f.required("stay").error("stay must be longer than 0");
        }
        List<TimelineEvent> events = walk(name, route, arrives, leaves, stay);
        if (leaving.isPresent()) {
            events.addAll(motion(route.get(0), leaves, name + " leaves"));
        }
        return events;
    }

    private List<TimelineEvent> walk(String name, List<RoomSpec> route, Duration arrives, Duration leaves,
                                     Duration stay) {
        List<TimelineEvent> events = new ArrayList<>();
        RoomSpec room = route.get(0);
        Duration t = arrives;
        events.addAll(motion(room, t, name + " arrives in the " + room.name()));
        while (true) {
            Duration next = t.plus(randomStay(stay));
            for (Duration f = t.plus(FIDGET); f.compareTo(next) < 0 && f.compareTo(leaves) < 0; f = f.plus(FIDGET)) {
                events.addAll(motion(room, f, ""));
            }
            if (next.compareTo(leaves) >= 0) {
                break;
            }
            room = other(route, room);
            t = next;
            events.addAll(motion(room, t, name + " goes to the " + room.name()));
        }
        return events;
    }

    private List<TimelineEvent> motion(RoomSpec room, Duration at, String note) {
        LocalTime time = start.plus(at);
        return room.devices().stream().filter(d -> d.kind() == DeviceKind.MOTION)
                .map(d -> new TimelineEvent(time, Optional.of(d.id()), Optional.of(Action.DETECT),
                        OptionalDouble.empty(), note, List.of()))
                .toList();
    }

    /** Exponential around the mean, kept between a minute and three means so evenings stay plausible. */
    private Duration randomStay(Duration mean) {
        double minutes = -Math.log(1 - random.nextDouble()) * mean.toSeconds() / 60.0;
        double bounded = Math.max(1, Math.min(minutes, 3 * mean.toSeconds() / 60.0));
        return Duration.ofSeconds(Math.round(bounded * 60));
    }

    private RoomSpec other(List<RoomSpec> route, RoomSpec current) {
        if (route.size() == 1) {
            return current;
        }
        RoomSpec next;
        do {
            next = route.get(random.nextInt(route.size()));
        } while (next == current);
        return next;
    }

    private List<RoomSpec> route(YamlCursor cursor) {
        List<RoomSpec> route = new ArrayList<>();
        for (YamlCursor entry : cursor.sequence()) {
            String name = entry.scalar();
            route.add(rooms.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                    entry.error("unknown room '" + name + "' (rooms: "
                            + String.join(", ", rooms.stream().map(RoomSpec::name).toList()) + ")")));
        }
        if (route.isEmpty()) {
            throw cursor.error("a person needs at least one room");
        }
        return route;
    }

    private Duration offset(YamlCursor where) {
        LocalTime time = Values.time(where);
        Duration d = Scenario.offset(start, time);
        if (d.compareTo(Scenario.offset(start, end)) > 0) {
            throw where.error("time " + time + " is outside the scenario (" + start + " to " + end + ")");
        }
        return d;
    }
}
