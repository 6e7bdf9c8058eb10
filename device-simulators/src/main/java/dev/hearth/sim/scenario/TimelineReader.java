package dev.hearth.sim.scenario;

import dev.hearth.sim.device.Action;
import dev.hearth.sim.device.DeviceSpec;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Reads timeline entries and their expectations, checking them against the home's devices. */
final class TimelineReader {
    private static final Set<String> EVENT = Set.of("at", "device", "action", "value", "note", "expect");
    private static final Set<String> EXPECT = Set.of("device", "attribute", "is", "above", "below", "within", "for");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("occupancy", "contact", "state", "running_state",
            "system_mode");

    private final List<DeviceSpec> devices;
    private final LocalTime start;
    private final LocalTime end;

    TimelineReader(List<DeviceSpec> devices, LocalTime start, LocalTime end) {
        this.devices = devices;
        this.start = start;
        this.end = end;
    }

    TimelineEvent event(YamlCursor entry) {
        YamlCursor.Fields f = entry.mapping(EVENT);
        YamlCursor at = f.required("at");
        LocalTime time = Values.time(at);
        if (Scenario.offset(start, time).compareTo(Scenario.offset(start, end)) > 0) {
            throw at.error("time " + time + " is outside the scenario (" + start + " to " + end + ")");
        }
        List<Expectation> expectations = new ArrayList<>();
        for (YamlCursor e : f.optional("expect").map(YamlCursor::sequence).orElse(List.of())) {
            expectations.add(expectation(e, time));
        }
        Optional<DeviceSpec> device = f.optional("device").map(this::device);
        if (device.isEmpty() && expectations.isEmpty()) {
            throw entry.error("missing key 'device' (an entry without a device only states expectations: add 'expect')");
        }
        Optional<Action> action = device.map(d -> action(d, f.required("action")));
        if (device.isEmpty() && f.optional("action").isPresent()) {
            throw f.key("action").error("an action needs a 'device'");
        }
        OptionalDouble value = f.optional("value").map(v -> OptionalDouble.of(Values.number(v)))
                .orElse(OptionalDouble.empty());
        if (action.filter(Action::needsValue).isPresent() && value.isEmpty()) {
            throw entry.error("action '" + action.get().yamlName() + "' needs a value");
        }
        return new TimelineEvent(time, device.map(DeviceSpec::id), action, value,
                f.optional("note").map(YamlCursor::scalar).orElse(""), expectations);
    }

    private DeviceSpec device(YamlCursor cursor) {
        String id = cursor.scalar();
        return devices.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> cursor.error("unknown device '" + id + "'"));
    }

    private static Action action(DeviceSpec device, YamlCursor cursor) {
        return Action.parse(cursor.scalar())
                .filter(device.kind().actions()::contains)
                .orElseThrow(() -> cursor.error("a " + device.kind().yamlName() + " cannot '"
                        + cursor.scalar() + "' (it can: " + names(device.kind().actions()) + ")"));
    }

    private Expectation expectation(YamlCursor cursor, LocalTime at) {
        YamlCursor.Fields f = cursor.mapping(EXPECT);
        DeviceSpec device = device(f.required("device"));
        String attribute = f.optional("attribute").map(a -> attribute(device, a))
                .orElse(device.kind().mainAttribute());
        boolean stays = f.optional("for").isPresent();
        if (stays == f.optional("within").isPresent()) {
            throw cursor.error("an expectation needs either 'within' (becomes true) or 'for' (stays true)");
        }
        YamlCursor withinCursor = f.required(stays ? "for" : "within");
        Duration within = Values.duration(withinCursor);
        if (Scenario.offset(start, at).plus(within).compareTo(Scenario.offset(start, end)) > 0) {
            throw withinCursor.error("the scenario ends at " + end + ", before " + at + " + " + withinCursor.scalar());
        }
        return new Expectation(cursor.location(), device.id(), attribute, expected(f, cursor, attribute), within, stays);
    }

    private static String attribute(DeviceSpec device, YamlCursor cursor) {
        String name = cursor.scalar();
        if (!device.kind().attributes().contains(name)) {
            throw cursor.error("a " + device.kind().yamlName() + " has no attribute '" + name
                    + "' (it has: " + String.join(", ", device.kind().attributes()) + ")");
        }
        return name;
    }

    private static Expectation.Expected expected(YamlCursor.Fields f, YamlCursor owner, String attribute) {
        List<String> given = f.names().stream().filter(Set.of("is", "above", "below")::contains).toList();
        if (given.size() != 1) {
            throw owner.error("an expectation needs exactly one of 'is', 'above' or 'below'");
        }
        String kind = given.get(0);
        YamlCursor value = f.required(kind);
        if (!kind.equals("is") && TEXT_ATTRIBUTES.contains(attribute)) {
            throw f.key(kind).error("'" + kind + "' needs a numeric attribute; " + attribute + " is not one");
        }
        return switch (kind) {
            case "above" -> new Expectation.Above(Values.number(value));
            case "below" -> new Expectation.Below(Values.number(value));
            default -> new Expectation.Is(value.scalar());
        };
    }

    private static String names(Set<Action> actions) {
        return actions.isEmpty() ? "nothing" : String.join(", ", actions.stream().map(Action::yamlName).toList());
    }
}
