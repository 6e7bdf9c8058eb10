package dev.hearth.gateway.automation;

import dev.hearth.gateway.config.YamlMap;
import dev.hearth.gateway.config.YamlScalars;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.CommandEncoder;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import org.snakeyaml.engine.v2.nodes.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/** Reads the triggers, conditions and actions of one automation. YAML keys of the language live here. */
final class PartReader {
    static final List<String> TRIGGERS = List.of("state", "numeric");
    static final List<String> CONDITIONS = List.of("state", "numeric", "and", "or", "not");
    static final List<String> ACTIONS = List.of("command");

    private final DeviceLookup devices;
    private boolean failed;

    PartReader(DeviceLookup devices) {
        this.devices = devices;
    }

    boolean failed() {
        return failed;
    }

    <T> List<T> each(YamlMap parent, String key, Function<YamlMap, Optional<T>> reader) {
        List<T> out = new ArrayList<>();
        for (YamlMap item : parent.listOfMaps(key)) {
            Optional<T> part = reader.apply(item);
            if (part.isPresent()) out.add(part.get());
            else failed = true;
        }
        if (parent.has(key) && out.isEmpty() && !failed && !key.equals("conditions")) parent.problemAtKey(key, "'" + key + "' is empty");
        return out;
    }

    Optional<Trigger> trigger(YamlMap t) {
        Optional<String> kind = t.choice("trigger", k -> Optional.of(k).filter(TRIGGERS::contains), TRIGGERS);
        if (!t.has("trigger")) t.missing("trigger");
        Optional<Trigger> result = kind.flatMap(k -> k.equals("state") ? stateTrigger(t) : numericTrigger(t));
        t.finish();
        return result;
    }

    private Optional<Trigger> stateTrigger(YamlMap t) {
        Optional<Watched> w = watched(t);
        Optional<Value> from = w.flatMap(x -> value(t, "from", x.spec()));
        Optional<Value> to = w.flatMap(x -> value(t, "to", x.spec()));
        Duration hold = t.duration("for", Duration.ZERO);
        return w.map(x -> new Trigger.State(x.ref(), from, to, hold));
    }

    private Optional<Trigger> numericTrigger(YamlMap t) {
        Optional<Watched> w = watched(t).filter(x -> numeric(t, x));
        OptionalDouble above = t.number("above");
        OptionalDouble below = t.number("below");
        Duration hold = t.duration("for", Duration.ZERO);
        if (!rangeOk(t, above, below)) return Optional.empty();
        return w.map(x -> new Trigger.Numeric(x.ref(), above, below, hold));
    }

    Optional<Condition> condition(YamlMap c) {
        Optional<String> kind = c.choice("condition", k -> Optional.of(k).filter(CONDITIONS::contains), CONDITIONS);
        if (!c.has("condition")) c.missing("condition");
        Optional<Condition> result = kind.flatMap(k -> switch (k) {
            case "state" -> stateCondition(c);
            case "numeric" -> numericCondition(c);
            case "and" -> Optional.of(new Condition.All(each(c, "conditions", this::condition)));
            case "or" -> Optional.of(new Condition.Any(each(c, "conditions", this::condition)));
            default -> Optional.of(new Condition.Not(new Condition.Any(each(c, "conditions", this::condition))));
        });
        c.finish();
        return result;
    }

    private Optional<Condition> stateCondition(YamlMap c) {
        Optional<Watched> w = watched(c);
        Optional<Value> is = w.flatMap(x -> value(c, "is", x.spec()));
        if (!c.has("is")) c.missing("is");
        return w.flatMap(x -> is.map(v -> new Condition.State(x.ref(), v)));
    }

    private Optional<Condition> numericCondition(YamlMap c) {
        Optional<Watched> w = watched(c).filter(x -> numeric(c, x));
        OptionalDouble above = c.number("above");
        OptionalDouble below = c.number("below");
        if (!rangeOk(c, above, below)) return Optional.empty();
        return w.map(x -> new Condition.Numeric(x.ref(), above, below));
    }

    Optional<Action> action(YamlMap a) {
        Optional<YamlMap> command = a.map("command");
        if (command.isEmpty() && !a.has("command")) {
            a.problem(a.node(), "an action needs one of: " + String.join(", ", ACTIONS));
        }
        a.finish();
        return command.flatMap(this::command);
    }

    private Optional<Action> command(YamlMap c) {
        Optional<DeviceSpec> device = devices.device(c);
        Map<String, Value> set = new LinkedHashMap<>();
        Optional<YamlMap> values = c.map("set");
        if (!c.has("set")) c.missing("set");
        c.finish();
        if (device.isEmpty() || values.isEmpty()) return Optional.empty();
        for (String name : values.get().keys()) {
            Optional<AttributeSpec> spec = device.get().attribute(name);
            Optional<Value> v = spec.isPresent() ? value(values.get(), name, spec.get()) : Optional.empty();
            v.ifPresent(x -> set.put(name, x));
        }
        List<String> problems = set.isEmpty() && values.get().keys().isEmpty()
                ? List.of("'set' names no attribute") : CommandEncoder.validate(device.get(), rawFor(values.get(), device.get(), set));
        problems.forEach(p -> c.problemAtKey("set", p));
        values.get().finish();
        return problems.isEmpty() ? Optional.of(new Action.Command(device.get().id(), set)) : Optional.empty();
    }

    /** Attributes the device lacks are passed as text so that validate() names them. */
    private static Map<String, Value> rawFor(YamlMap values, DeviceSpec device, Map<String, Value> typed) {
        Map<String, Value> all = new LinkedHashMap<>(typed);
        for (String name : values.keys()) if (device.attribute(name).isEmpty()) all.put(name, Value.of("?"));
        return all;
    }

    private record Watched(AttributeRef ref, AttributeSpec spec) {
    }

    private Optional<Watched> watched(YamlMap m) {
        Optional<DeviceSpec> device = devices.device(m);
        if (device.isEmpty()) {
            m.has("attribute");
            return Optional.empty();
        }
        return devices.attribute(m, device.get()).map(a -> new Watched(new AttributeRef(device.get().id(), a.name()), a));
    }

    private static boolean numeric(YamlMap m, Watched w) {
        if (w.spec().type() == dev.hearth.gateway.device.ValueType.NUMBER) return true;
        m.problemAtKey("attribute", w.ref() + " is not a number (it is " + w.spec().type().yamlName() + "); use a state trigger or condition");
        return false;
    }

    private static boolean rangeOk(YamlMap m, OptionalDouble above, OptionalDouble below) {
        if (above.isEmpty() && below.isEmpty()) {
            m.problem(m.node(), "give 'above', 'below' or both");
            return false;
        }
        if (above.isPresent() && below.isPresent() && above.getAsDouble() >= below.getAsDouble()) {
            m.problemAtKey("above", "'above' must be less than 'below', or nothing can match");
            return false;
        }
        return true;
    }

    private static Optional<Value> value(YamlMap m, String key, AttributeSpec spec) {
        Optional<Node> node = m.value(key);
        if (node.isEmpty()) return Optional.empty();
        Optional<Object> plain = YamlScalars.plain(node.get());
        Optional<Value> v = plain.flatMap(spec::accept);
        if (v.isEmpty()) {
            String what = key.equals(spec.name()) ? "'" + key + "'" : "'" + key + "' (a value of " + spec.name() + ")";
            m.problem(node.get(), what + " must be " + spec.expectation() + ", got "
                    + plain.map(x -> "'" + x + "'").orElse("nothing"));
        }
        return v;
    }
}
