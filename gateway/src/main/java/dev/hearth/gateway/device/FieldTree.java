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
    private AttributeSpec[] here = NONE;

    void add(List<String> path, AttributeSpec attribute) {
        FieldTree node = this;
        for (String field : path) node = node.children.computeIfAbsent(field, f -> new FieldTree());
        AttributeSpec[] more = java.util.Arrays.copyOf(node.here, node.here.length + 1);
        more[node.here.length] = attribute;
        node.here = more;
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
