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
}
