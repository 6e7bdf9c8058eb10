package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.yaml.YamlScalars;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An automation entry with {@code use: <blueprint>} and {@code inputs:}: each input is checked against its
 * declaration, then each of the blueprint's automations is copied with the inputs put in for {@code !input},
 * its id prefixed with the use site's ({@code <id>_<blueprint automation id>}), and read like any automation. A
 * problem is reported once, at the use site (the input's value, or {@code use:}), naming the blueprint's position.
 */
final class BlueprintUse {
    /** Reads one (expanded) automation; its problems go to the map's own {@link Problems}. */
    interface Reader {
        Optional<Automation> read(YamlMap automation, AutomationLoader.Origin origin);
    }

    private final Blueprints blueprints;
    private final DeviceLookup devices;

    BlueprintUse(Blueprints blueprints, DeviceLookup devices) {
        this.blueprints = blueprints;
        this.devices = devices;
    }

    List<Automation> expand(YamlMap use, Reader reader) {
        Optional<String> id = use.requiredText("id");
        Optional<String> name = use.requiredText("use");
        Optional<YamlMap> given = use.map("inputs");
        use.finish();
        Optional<Blueprint> blueprint = name.flatMap(n -> {
            Optional<Blueprint> b = blueprints.get(n);
            if (b.isEmpty()) {
                use.problemAtValue("use", "no blueprint '" + n + "' in the automations' " + Blueprints.DIRECTORY + "/ folder"
                        + Suggestions.didYouMean(n, blueprints.names()));
            }
            return b;
        });
        if (id.isEmpty() || blueprint.isEmpty()) return List.of();
        Optional<Map<String, Node>> values = values(use, given, blueprint.get());
        if (values.isEmpty()) return List.of();
        String source = use.file() + ":" + use.node().getStartMark().map(m -> m.getLine() + 1).orElse(1);
        Fingerprints inBlueprint = new Fingerprints(blueprint.get().text());
        List<Automation> out = new ArrayList<>();
        for (MappingNode node : blueprint.get().automations()) {
            Substitution sub = new Substitution(values.get(), id.get());
            Problems own = new Problems();
            Node expanded = sub.copy(node, true);
            // Its own text and the inputs it uses: editing another automation's input keeps this one's timers.
            AutomationLoader.Origin origin = new AutomationLoader.Origin(source, Fingerprints.combine(inBlueprint.of(node), sub.used()));
            YamlMap.of(blueprint.get().file(), expanded, own, "an automation").flatMap(a -> reader.read(a, origin)).ifPresent(out::add);
            own.list().forEach(p -> report(use, given, blueprint.get(), sub, p));
        }
        return out;
    }

    private static void report(YamlMap use, Optional<YamlMap> given, Blueprint blueprint, Substitution sub, ConfigProblem p) {
        String input = sub.inputAt(p.line(), p.column());
        String where = p.file() + ":" + p.line() + ":" + p.column();
        if (input != null && given.isPresent() && given.get().keys().contains(input)) {
            given.get().problemAtValue(input, p.message() + " (input '" + input + "', used in blueprint " + blueprint.name() + " at " + where + ")");
        } else {
            use.problemAtValue("use", p.message() + " (in blueprint " + blueprint.name() + " at " + where + ")");
        }
    }

    /** The value of every input: given at the use site, else the default; each checked against its declaration. */
    private Optional<Map<String, Node>> values(YamlMap use, Optional<YamlMap> given, Blueprint blueprint) {
        Map<String, Node> values = new LinkedHashMap<>();
        boolean ok = true;
        for (String key : given.map(YamlMap::keys).orElse(java.util.Set.of())) {
            if (!blueprint.inputs().containsKey(key)) {
                given.get().problemAtKey(key, "blueprint " + blueprint.name() + " has no input '" + key + "'"
                        + Suggestions.didYouMean(key, blueprint.inputs().keySet()) + " (it has: " + String.join(", ", blueprint.inputs().keySet()) + ")");
                ok = false;
            }
        }
        for (Blueprint.Input input : blueprint.inputs().values()) {
            Optional<Node> value = given.flatMap(g -> g.value(input.name())).or(input::fallback);
            if (value.isEmpty()) {
                use.problem(given.map(YamlMap::node).orElse(use.node()), "missing input '" + input.name() + "' of blueprint "
                        + blueprint.name() + " (declared at " + Blueprint.where(input.at()) + ")");
                ok = false;
                continue;
            }
            Optional<String> wrong = check(input, value.get());
            if (wrong.isPresent()) {
                String message = wrong.get() + " (input '" + input.name() + "' of blueprint " + blueprint.name() + ", declared at "
                        + Blueprint.where(input.at()) + ")";
                if (given.isPresent() && given.get().keys().contains(input.name())) given.get().problemAtValue(input.name(), message);
                else use.problemAtValue("use", message);
                ok = false;
            }
            values.put(input.name(), value.get());
        }
        return ok ? Optional.of(values) : Optional.empty();
    }

    /** What is wrong with {@code value} for {@code input}, if anything. */
    private Optional<String> check(Blueprint.Input input, Node value) {
        if (!(value instanceof ScalarNode s) || Tag.NULL.equals(s.getTag())) return Optional.of("an input must be a single value");
        String text = s.getValue();
        return switch (input.type()) {
            case DEVICE -> device(input, text);
            case ROOM -> devices.all().values().stream().anyMatch(d -> d.room().equals(text)) ? Optional.empty()
                    : Optional.of("no device is in room '" + text + "'" + Suggestions.didYouMean(text,
                    devices.all().values().stream().map(DeviceSpec::room).filter(r -> !r.isEmpty()).distinct().toList()));
            case DURATION -> Durations.parse(text).isPresent() ? Optional.empty()
                    : Optional.of("'" + text + "' is not a duration such as 90s, 5m or 1h30m");
            case NUMBER -> number(input, value);
            case TEXT -> Optional.empty();
            case BOOLEAN -> Tag.BOOL.equals(s.getTag()) ? Optional.empty() : Optional.of("'" + text + "' is not true or false");
        };
    }

    private Optional<String> device(Blueprint.Input input, String id) {
        DeviceSpec d = devices.all().get(id);
        // Discovery may bring it: the automation waits for it, and is checked again once it is known.
        if (d == null && devices.awaitsUnknown() && DeviceId.isValid(id)) return Optional.empty();
        if (d == null) return Optional.of("unknown device '" + id + "'" + Suggestions.didYouMean(id, devices.all().keySet()));
        if (input.kind().isPresent() && d.kind() != input.kind().get()) {
            return Optional.of(id + " is a " + d.kind().yamlName() + ", not a " + input.kind().get().yamlName());
        }
        return Optional.empty();
    }

    private static Optional<String> number(Blueprint.Input input, Node value) {
        Optional<Double> n = YamlScalars.number(value);
        if (n.isEmpty()) return Optional.of("'" + ((ScalarNode) value).getValue() + "' is not a number");
        if (input.min().isPresent() && n.get() < input.min().getAsDouble() || input.max().isPresent() && n.get() > input.max().getAsDouble()) {
            return Optional.of(((ScalarNode) value).getValue() + " is outside " + (input.min().isPresent() ? input.min().getAsDouble() : "-∞")
                    + " to " + (input.max().isPresent() ? input.max().getAsDouble() : "∞"));
        }
        return Optional.empty();
    }

    /**
     * A copy of a blueprint automation with each {@code !input x} replaced by x's value, kept at the blueprint's
     * position (so a problem with it points there), and the id prefixed; remembers which position holds which input.
     */
    private static final class Substitution {
        private final Map<String, Node> values;
        private final String prefix;
        private final Map<String, String> inputAt = new HashMap<>();

        Substitution(Map<String, Node> values, String prefix) {
            this.values = values;
            this.prefix = prefix;
        }

        String inputAt(int line, int column) {
            return inputAt.get(line + ":" + column);
        }

        /** The id and the inputs put in, with their values, in name order. */
        String used() {
            java.util.TreeMap<String, String> used = new java.util.TreeMap<>();
            inputAt.values().forEach(name -> {
                ScalarNode v = (ScalarNode) values.get(name);
                used.put(name, v.getTag() + ":" + v.getValue());
            });
            return prefix + used;
        }

        Node copy(Node node, boolean top) {
            if (node instanceof ScalarNode s && Blueprint.INPUT.equals(s.getTag())) {
                ScalarNode value = (ScalarNode) values.get(s.getValue());
                s.getStartMark().ifPresent(m -> inputAt.put((m.getLine() + 1) + ":" + (m.getColumn() + 1), s.getValue()));
                return new ScalarNode(value.getTag(), true, value.getValue(), value.getScalarStyle(), s.getStartMark(), s.getEndMark());
            }
            if (node instanceof MappingNode m) {
                List<NodeTuple> tuples = new ArrayList<>();
                for (NodeTuple t : m.getValue()) {
                    boolean id = top && t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id") && t.getValueNode() instanceof ScalarNode;
                    tuples.add(new NodeTuple(t.getKeyNode(), id ? prefixed((ScalarNode) t.getValueNode()) : copy(t.getValueNode(), false)));
                }
                return new MappingNode(m.getTag(), true, tuples, m.getFlowStyle(), m.getStartMark(), m.getEndMark());
            }
            if (node instanceof SequenceNode q) {
                return new SequenceNode(q.getTag(), true, q.getValue().stream().map(n -> copy(n, false)).toList(), q.getFlowStyle(),
                        q.getStartMark(), q.getEndMark());
            }
            return node;
        }

        private Node prefixed(ScalarNode id) {
            return new ScalarNode(Tag.STR, true, prefix + "_" + id.getValue(), id.getScalarStyle(), id.getStartMark(), id.getEndMark());
        }
    }
}
