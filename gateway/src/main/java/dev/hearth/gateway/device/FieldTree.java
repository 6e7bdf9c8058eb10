package dev.hearth.gateway.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one topic's payload that carry attributes: a tree of field names with the attributes whose path ends
 * at each node ({@link #here}; at the root: attributes that are the whole payload). The decoder descends only into
 * the fields it names and skips everything else unread. Built once per topic; never changed after.
 */
public final class FieldTree {
    private static final AttributeSpec[] NONE = new AttributeSpec[0];
    private final Map<String, FieldTree> children = new HashMap<>();
    /** Elements of a list of objects, chosen by one of their fields: {@code [component=input:0]} → the node for them. */
    private final Map<Selector, FieldTree> elements = new HashMap<>();
    private AttributeSpec[] here = NONE;

    private record Selector(String field, String value) {
    }

    /**
     * A step of a path that picks, in a list of objects, those whose {@code field} is {@code value} (Shelly's
     * {@code events: [{"component":"input:0","event":"single_push"}]}).
     */
    public static String element(String field, String value) {
        return "[" + field + "=" + value + "]";
    }

    void add(List<String> path, AttributeSpec attribute) {
        FieldTree node = this;
        for (String field : path) node = node.step(field);
        AttributeSpec[] more = java.util.Arrays.copyOf(node.here, node.here.length + 1);
        more[node.here.length] = attribute;
        node.here = more;
    }

    private FieldTree step(String field) {
        int eq = field.indexOf('=');
        if (field.startsWith("[") && field.endsWith("]") && eq > 1) {
            return elements.computeIfAbsent(new Selector(field.substring(1, eq), field.substring(eq + 1, field.length() - 1)), s -> new FieldTree());
        }
        return children.computeIfAbsent(field, f -> new FieldTree());
    }

    /** Whether this field is a list whose elements are picked by one of their fields. */
    boolean selectsElements() {
        return !elements.isEmpty();
    }

    /** The nodes for one element of such a list (a Map as {@link CompositeValues#readObject} reads it). */
    List<FieldTree> matching(Map<String, Object> element) {
        List<FieldTree> out = new java.util.ArrayList<>(1);
        elements.forEach((s, node) -> {
            if (s.value().equals(String.valueOf(element.get(s.field())))) out.add(node);
        });
        return out;
    }

    /** The node for a field, or null. */
    FieldTree child(String field) {
        return children.get(field);
    }

    AttributeSpec[] here() {
        return here;
    }

    boolean hasFields() {
        return !children.isEmpty();
    }

    /** Whether the attribute ends here and wants the object itself (a composite), not its fields. */
    boolean takesObject() {
        for (AttributeSpec a : here) if (a.type() == ValueType.COMPOSITE) return true;
        return false;
    }
}
