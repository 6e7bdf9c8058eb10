package dev.hearth.gateway.yaml;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.Optional;

/** Interprets scalar nodes by the tag YAML 1.2's JSON schema resolved for them. */
public final class YamlScalars {
    private YamlScalars() {
    }

    public static Optional<Double> number(Node node) {
        if (node instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
            try {
                return Optional.of(Double.parseDouble(s.getValue()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Boolean, Double or String; empty for null, lists and mappings. */
    public static Optional<Object> plain(Node node) {
        if (!(node instanceof ScalarNode s) || Tag.NULL.equals(s.getTag())) return Optional.empty();
        if (Tag.BOOL.equals(s.getTag())) return Optional.of(Boolean.parseBoolean(s.getValue()));
        Optional<Double> n = number(node);
        if (n.isPresent()) return Optional.of(n.get());
        return Optional.of(s.getValue());
    }

    /** A scalar as {@link #plain}, a mapping as a Map, a sequence as a List (a colour {@code {x: 0.3, y: 0.4}}); empty for null. */
    public static Optional<Object> structured(Node node) {
        if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode m) {
            java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
            for (org.snakeyaml.engine.v2.nodes.NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) return Optional.empty();
                Optional<Object> v = structured(t.getValueNode());
                if (v.isEmpty()) return Optional.empty();
                map.put(k.getValue(), v.get());
            }
            return Optional.of(map);
        }
        if (node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode s) {
            java.util.List<Object> list = new java.util.ArrayList<>();
            for (Node item : s.getValue()) {
                Optional<Object> v = structured(item);
                if (v.isEmpty()) return Optional.empty();
                list.add(v.get());
            }
            return Optional.of(list);
        }
        return plain(node);
    }
}
