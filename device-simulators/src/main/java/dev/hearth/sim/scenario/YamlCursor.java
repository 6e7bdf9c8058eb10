package dev.hearth.sim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** A position in a composed YAML tree that knows its file:line:column for error messages. */
final class YamlCursor {
    private final String file;
    private final Node node;

    YamlCursor(String file, Node node) {
        this.file = file;
        this.node = node;
    }

    ScenarioException error(String message) {
        return new ScenarioException(location() + ": " + message);
    }

    String location() {
        return node.getStartMark()
                .map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                .orElse(file);
    }

    static String location(String file, Mark mark) {
        return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    String scalar() {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw error("expected a single value");
    }

    List<YamlCursor> sequence() {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue().stream().map(n -> new YamlCursor(file, n)).toList();
        }
        throw error("expected a list");
    }

    /** Keys in document order; duplicates and keys outside {@code allowed} are errors at the key. */
    Fields mapping(Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping");
        }
        Map<String, YamlCursor> values = new LinkedHashMap<>();
        Map<String, YamlCursor> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlCursor key = new YamlCursor(file, tuple.getKeyNode());
            String name = key.scalar();
            if (keys.containsKey(name)) {
                throw key.error("duplicate key '" + name + "' (first at " + keys.get(name).location() + ")");
            }
            if (allowed != null && !allowed.contains(name)) {
                throw key.error("unknown key '" + name + "' (expected one of " + new TreeSet<>(allowed) + ")");
            }
            keys.put(name, key);
            values.put(name, new YamlCursor(file, tuple.getValueNode()));
        }
        return new Fields(this, keys, values);
    }

    /** The entries of one mapping, with typed accessors that report errors at the value. */
    record Fields(YamlCursor owner, Map<String, YamlCursor> keys, Map<String, YamlCursor> values) {
        YamlCursor required(String name) {
            YamlCursor value = values.get(name);
            if (value == null) {
                throw owner.error("missing key '" + name + "'");
            }
            return value;
        }

        java.util.Optional<YamlCursor> optional(String name) {
            return java.util.Optional.ofNullable(values.get(name));
        }

        YamlCursor key(String name) {
            return keys.get(name);
        }

        List<String> names() {
            return new ArrayList<>(values.keySet());
        }
    }
}
