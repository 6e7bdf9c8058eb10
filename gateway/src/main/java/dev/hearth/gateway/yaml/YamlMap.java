package dev.hearth.gateway.yaml;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, located reading of one YAML mapping. Every accessor records the key as known; {@link #finish()}
 * then reports any key the reader never asked for, so a typo is an error rather than a silently ignored line.
 */
public final class YamlMap {
    /** How a key nobody read is reported. */
    public static final String UNKNOWN_KEY = "unknown key '";

    private final String file;
    private final Node node;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private YamlMap(String file, MappingNode node, Problems problems) {
        this.file = file;
        this.node = node;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(file, tuple.getKeyNode(), "keys must be plain names");
            } else if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                problems.add(file, key, "duplicate key '" + key.getValue() + "'");
            }
        }
    }

    /** Wraps {@code node} if it is a mapping, else reports what was expected and returns empty. */
    public static Optional<YamlMap> of(String file, Node node, Problems problems, String what) {
        if (node instanceof MappingNode mapping) return Optional.of(new YamlMap(file, mapping, problems));
        problems.add(file, node, what + " must be a mapping of keys to values, got " + describe(node));
        return Optional.empty();
    }

    public String file() {
        return file;
    }

    public Node node() {
        return node;
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String key) {
        known.add(key);
        return entries.containsKey(key);
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public Optional<Node> value(String key) {
        known.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple == null ? Optional.empty() : Optional.of(tuple.getValueNode());
    }

    /** Position of a key, for problems about the entry as a whole. */
    public Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? node : tuple.getKeyNode();
    }

    public void problem(Node at, String message) {
        problems.add(file, at, message);
    }

    /** For problems with what was written as the value (an unknown name, say). */
    public void problemAtValue(String key, String message) {
        NodeTuple tuple = entries.get(key);
        problems.add(file, tuple == null ? node : tuple.getValueNode(), message);
    }

    public void problemAtKey(String key, String message) {
        problems.add(file, keyNode(key), message);
    }

    public Optional<String> text(String key) {
        return value(key).flatMap(v -> scalarText(key, v));
    }

    public Optional<String> requiredText(String key) {
        Optional<String> value = text(key);
        if (value.isEmpty() && !entries.containsKey(key)) missing(key);
        return value;
    }

    public String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    public boolean flag(String key, boolean fallback) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) return Optional.of(Boolean.parseBoolean(s.getValue()));
            problem(v, "'" + key + "' must be true or false, got " + describe(v));
            return Optional.empty();
        }).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
                try {
                    long n = Long.parseLong(s.getValue());
                    if (n >= min && n <= max) return Optional.of((int) n);
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            problem(v, "'" + key + "' must be a whole number from " + min + " to " + max + ", got " + describe(v));
            return Optional.<Integer>empty();
        }).orElse(fallback);
    }

    public OptionalDouble number(String key) {
        Optional<Double> value = value(key).flatMap(v -> {
            Optional<Double> n = YamlScalars.number(v);
            if (n.isEmpty()) problem(v, "'" + key + "' must be a number, got " + describe(v));
            return n;
        });
        return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    public double number(String key, double fallback, double min, double max) {
        OptionalDouble n = number(key);
        if (n.isEmpty()) return fallback;
        if (n.getAsDouble() < min || n.getAsDouble() > max) {
            problemAtKey(key, "'" + key + "' must be from " + min + " to " + max + ", got " + n.getAsDouble());
            return fallback;
        }
        return n.getAsDouble();
    }

    public Optional<Duration> duration(String key) {
        return value(key).flatMap(v -> scalarText(key, v).flatMap(text -> {
            Optional<Duration> d = Durations.parse(text);
            if (d.isEmpty()) problem(v, "'" + key + "' must be a duration such as 90s, 5m, 1h30m or 500ms, got '" + text + "'");
            return d;
        }));
    }

    public Duration duration(String key, Duration fallback) {
        return duration(key).orElse(fallback);
    }

    /** A duration longer than zero; zero or less is a problem at its key and gives {@code fallback}. */
    public Duration positiveDuration(String key, Duration fallback) {
        Duration d = duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            problemAtKey(key, "'" + key + "' must be longer than zero");
            return fallback;
        }
        return d;
    }

    /** A value from a fixed set of names; the problem lists the accepted ones. */
    public <T> Optional<T> choice(String key, Function<String, Optional<T>> lookup, List<String> accepted) {
        return value(key).flatMap(v -> scalarText(key, v).flatMap(text -> {
            Optional<T> found = lookup.apply(text);
            if (found.isEmpty()) {
                problem(v, "'" + key + "' must be one of " + String.join(", ", accepted) + ", got '" + text + "'"
                        + Suggestions.didYouMean(text, accepted));
            }
            return found;
        }));
    }

    public Optional<YamlMap> map(String key) {
        return value(key).flatMap(v -> of(file, v, problems, "'" + key + "'"));
    }

    /** A sequence of mappings; a missing key is an empty list. */
    public List<YamlMap> listOfMaps(String key) {
        List<YamlMap> out = new ArrayList<>();
        for (Node item : list(key)) of(file, item, problems, "each entry of '" + key + "'").ifPresent(out::add);
        return out;
    }

    /** A sequence, or a single item standing for a one-element sequence (as Home Assistant allows). */
    public List<Node> list(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) return List.of();
        if (v.get() instanceof SequenceNode seq) return seq.getValue();
        if (v.get() instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) return List.of();
        return List.of(v.get());
    }

    public List<String> listOfText(String key) {
        List<String> out = new ArrayList<>();
        for (Node item : list(key)) scalarText(key, item).ifPresent(out::add);
        return out;
    }

    /** Reports every key never asked for, with the nearest known key as a hint. */
    public void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (known.contains(e.getKey())) continue;
            problem(e.getValue().getKeyNode(), UNKNOWN_KEY + e.getKey() + "'"
                    + Suggestions.didYouMean(e.getKey(), known) + " (expected one of: " + String.join(", ", known) + ")");
        }
    }

    public void missing(String key) {
        problem(node, "missing required key '" + key + "'");
    }

    private Optional<String> scalarText(String key, Node v) {
        if (v instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) return Optional.of(s.getValue());
        problem(v, "'" + key + "' must be a single value, got " + describe(v));
        return Optional.empty();
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        if (node instanceof ScalarNode s) {
            if (Tag.NULL.equals(s.getTag())) return "nothing";
            return "'" + s.getValue() + "'";
        }
        return "an unsupported node";
    }
}
