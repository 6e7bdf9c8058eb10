package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A parameterised automation file, {@code blueprints/<name>.yaml}: {@code blueprint:} declares its {@code inputs}
 * (each with a {@code type}, optionally a {@code default}), and {@code automations:} holds automations whose values
 * may be {@code !input <name>}. A use site ({@code use: <name>}, {@code inputs:}) gets a copy of each automation with
 * the inputs put in ({@link BlueprintUse}).
 */
record Blueprint(String name, String file, String text, String description, Map<String, Input> inputs, List<MappingNode> automations) {
    /** The YAML tag that stands for an input's value. */
    static final Tag INPUT = new Tag("!input");

    enum InputType {
        DEVICE, ROOM, DURATION, NUMBER, TEXT, BOOLEAN;

        static final List<String> NAMES = Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList();

        static Optional<InputType> byName(String name) {
            return NAMES.contains(name) ? Optional.of(valueOf(name.toUpperCase(Locale.ROOT))) : Optional.empty();
        }
    }

    /** One declared input; {@code at} is where it is declared, for problems that name both places. */
    record Input(String name, InputType type, Optional<DeviceKind> kind, Optional<Node> fallback, OptionalDouble min,
                 OptionalDouble max, String description, ConfigProblem at) {
    }

    /** Reads a blueprint file's parsed root; problems are the blueprint's own (its automations are checked where used). */
    static Optional<Blueprint> read(String name, String file, String text, Node root, Problems problems) {
        int before = problems.list().size();
        Optional<YamlMap> top = YamlMap.of(file, root, problems, "a blueprint file");
        if (top.isEmpty()) return Optional.empty();
        if (!top.get().has("blueprint")) top.get().missing("blueprint");
        if (!top.get().has("automations")) top.get().missing("automations");
        Optional<YamlMap> head = top.get().map("blueprint");
        String description = head.map(h -> h.text("description", "")).orElse("");
        Map<String, Input> inputs = head.map(h -> inputs(h, problems)).orElse(Map.of());
        head.ifPresent(YamlMap::finish);
        List<MappingNode> automations = top.get().listOfMaps("automations").stream().map(a -> (MappingNode) a.node()).toList();
        top.get().finish();
        automations.forEach(a -> checkInputRefs(file, a, inputs, problems));
        if (problems.list().size() > before) return Optional.empty();
        return Optional.of(new Blueprint(name, file, text, description, inputs, automations));
    }

    private static Map<String, Input> inputs(YamlMap head, Problems problems) {
        Map<String, Input> out = new LinkedHashMap<>();
        head.map("inputs").ifPresent(all -> {
            for (String name : all.keys()) {
                ConfigProblem at = position(all.file(), all.keyNode(name));
                all.map(name).flatMap(i -> input(name, i, at)).ifPresent(in -> out.put(name, in));
            }
        });
        return out;
    }

    private static Optional<Input> input(String name, YamlMap i, ConfigProblem at) {
        if (!i.has("type")) i.missing("type");
        Optional<InputType> type = i.choice("type", InputType::byName, InputType.NAMES);
        Optional<DeviceKind> kind = i.choice("kind", DeviceKind::byName, DeviceKind.names());
        if (kind.isPresent() && type.filter(t -> t == InputType.DEVICE).isEmpty()) i.problemAtKey("kind", "'kind' applies to inputs of type device");
        Optional<Node> fallback = i.value("default");
        OptionalDouble min = i.number("min"), max = i.number("max");
        String description = i.text("description", "");
        i.finish();
        return type.map(t -> new Input(name, t, kind, fallback, min, max, description, at));
    }

    /** Every {@code !input x} names a declared input. */
    private static void checkInputRefs(String file, Node node, Map<String, Input> inputs, Problems problems) {
        if (node instanceof ScalarNode s && INPUT.equals(s.getTag()) && !inputs.containsKey(s.getValue())) {
            problems.add(file, s, "'!input " + s.getValue() + "' names no input of this blueprint (it declares: "
                    + String.join(", ", inputs.keySet()) + ")");
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) checkInputRefs(file, t.getValueNode(), inputs, problems);
        } else if (node instanceof SequenceNode q) {
            q.getValue().forEach(n -> checkInputRefs(file, n, inputs, problems));
        }
    }

    static ConfigProblem position(String file, Node node) {
        Problems p = new Problems();
        p.add(file, node, "");
        return p.list().get(0);
    }

    static String where(ConfigProblem p) {
        return p.file() + ":" + p.line() + ":" + p.column();
    }
}
