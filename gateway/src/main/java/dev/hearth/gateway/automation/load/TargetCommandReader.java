package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.TargetCommand;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.commands.CommandEncoder;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.yaml.YamlScalars;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code command} to a room, a kind, a group, or where they meet. What can be checked now is: against the devices
 * known now that the target names, each value must suit each of them that has the attribute, and one of them at
 * least must have it; devices discovered later are checked when the command runs ({@link TargetCommand}).
 */
final class TargetCommandReader {
    private final PartReader parts;

    TargetCommandReader(PartReader parts) {
        this.parts = parts;
    }

    /** Whether a {@code command} mapping names a target rather than one device. */
    boolean targets(YamlMap c) {
        return c.keys().contains("room") || c.keys().contains("kind") || parts.devices.group(c, "device").isPresent();
    }

    Optional<Action> read(YamlMap c) {
        Optional<List<DeviceId>> members = parts.devices.group(c, "device");
        if (c.keys().contains("device") && members.isEmpty()) {
            c.problemAtKey("device", "a command goes to one device, or to a room, kind or group: not both");
        }
        Optional<String> group = members.flatMap(m -> c.text("device"));
        Optional<String> room = c.text("room");
        Optional<DeviceKind> kind = c.choice("kind", DeviceKind::byName, DeviceKind.names());
        Optional<YamlMap> values = c.map("set");
        if (!c.has("set")) c.missing("set");
        c.finish();
        if (values.isEmpty() || (c.keys().contains("kind") && kind.isEmpty()) || (c.keys().contains("device") && group.isEmpty())) {
            return Optional.empty();
        }
        TargetCommand.Target target = new TargetCommand.Target(room, kind, group, members.orElse(List.of()));
        List<DeviceSpec> known = target.resolve(parts.devices.all().values()).stream().filter(DeviceSpec::acceptsCommands).toList();
        Map<String, Template> set = new LinkedHashMap<>();
        for (String name : values.get().keys()) value(values.get(), name, known, target).ifPresent(t -> set.put(name, t));
        values.get().finish();
        if (values.get().keys().isEmpty()) c.problemAtKey("set", "'set' names no attribute");
        if (set.isEmpty() || set.size() != values.get().keys().size()) return Optional.empty();
        List<String> problems = checkKnown(known, set);
        problems.forEach(p -> c.problemAtKey("set", p));
        return problems.isEmpty() ? Optional.of(new TargetCommand(target, set)) : Optional.empty();
    }

    /** The value of one attribute, typed by the first known device that can set it (as written when none is known). */
    private Optional<Template> value(YamlMap values, String name, List<DeviceSpec> known, TargetCommand.Target target) {
        Optional<AttributeSpec> first = known.stream().flatMap(d -> d.attribute(name).filter(d::commandable).stream()).findFirst();
        if (first.isPresent()) return parts.valueOrExpression(values, name, first.get());
        if (!known.isEmpty()) {
            values.value(name);
            Set<String> settable = new TreeSet<>();
            known.forEach(d -> d.attributes().values().stream().filter(d::commandable).forEach(a -> settable.add(a.name())));
            values.problemAtKey(name, "no device of " + target + " has a settable '" + name + "'" + Suggestions.didYouMean(name, settable)
                    + "; they have: " + String.join(", ", settable));
            return Optional.empty();
        }
        Optional<Node> node = values.value(name);
        if (node.isPresent() && node.get() instanceof ScalarNode s && s.getValue().contains("${")) return parts.template(values, name);
        return node.flatMap(YamlScalars::plain).map(TargetCommandReader::asValue).map(Template::of);
    }

    private static Value asValue(Object plain) {
        if (plain instanceof Boolean b) return Value.of(b);
        if (plain instanceof Number n) return Value.of(n.doubleValue());
        return Value.of(String.valueOf(plain));
    }

    /** Each constant against each known device that has the attribute: the problems, once each. */
    private static List<String> checkKnown(List<DeviceSpec> known, Map<String, Template> set) {
        Set<String> problems = new LinkedHashSet<>();
        for (DeviceSpec d : known) {
            Map<String, Value> constants = new LinkedHashMap<>();
            set.forEach((name, t) -> t.constant().filter(v -> d.attribute(name).filter(d::commandable).isPresent())
                    .ifPresent(v -> constants.put(name, v)));
            if (!constants.isEmpty()) problems.addAll(CommandEncoder.validate(d, constants));
        }
        return List.copyOf(problems);
    }
}
