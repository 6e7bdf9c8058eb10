package dev.hearth.gateway.device;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A command document, written directly: a command is a small object of a few values. Encoding a Vert.x
 * {@code JsonObject} went through Jackson databind (8 % of the home loop's time at saturation); only the escaping
 * of text comes from jackson-core. Whole numbers are written without a fraction ({@code 200}, not {@code 200.0}),
 * as devices expect; an attribute whose source is a path ({@code a.b}) is written nested.
 */
final class JsonCommand {
    private static final Pattern JSON_LITERAL = Pattern.compile("true|false|null|-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private JsonCommand() {
    }

    /** {@code values} by attribute name; an attribute's path and value map come from its spec (none: its name, as is). */
    static String of(Map<String, AttributeSpec> attributes, SortedMap<String, Value> values) {
        Map<String, Object> tree = new TreeMap<>();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            AttributeSpec spec = attributes.get(e.getKey());
            List<String> path = spec == null ? List.of(e.getKey()) : DeviceFormat.pathOf(spec);
            Object leaf = spec == null || spec.mapping().isIdentity() ? e.getValue() : new Literal(spec.mapping().toPayload(e.getValue()));
            put(tree, path, leaf);
        }
        return write(new StringBuilder(16 * values.size() + 2), tree).toString();
    }

    /** A read request: each attribute's top-level field with an empty text ({@code {"brightness":"","state":""}}). */
    static String readRequest(Collection<AttributeSpec> attributes) {
        Map<String, Object> tree = new TreeMap<>();
        attributes.forEach(a -> tree.put(DeviceFormat.pathOf(a).get(0), Value.of("")));
        return write(new StringBuilder(), tree).toString();
    }

    /** A value as a device spells it after a value map: JSON as it is when it is a literal, else text. */
    private record Literal(String text) {
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, List<String> path, Object leaf) {
        Map<String, Object> node = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            Object child = node.computeIfAbsent(path.get(i), k -> new TreeMap<String, Object>());
            if (!(child instanceof Map)) return; // a value and an object at one place: the value wins
            node = (Map<String, Object>) child;
        }
        node.put(path.get(path.size() - 1), leaf);
    }

    @SuppressWarnings("unchecked")
    private static StringBuilder write(StringBuilder json, Map<String, Object> tree) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (!first) json.append(',');
            first = false;
            Value.appendJson(json, Value.of(e.getKey())).append(':');
            Object v = e.getValue();
            if (v instanceof Value value) Value.appendJson(json, value);
            else if (v instanceof Literal l) {
                if (JSON_LITERAL.matcher(l.text()).matches() || l.text().startsWith("{")) json.append(l.text());
                else Value.appendJson(json, Value.of(l.text()));
            } else write(json, (Map<String, Object>) v);
        }
        return json.append('}');
    }
}
