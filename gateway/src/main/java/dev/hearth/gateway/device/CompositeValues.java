package dev.hearth.gateway.device;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Composite values ({@code color: {x, y}}): read from JSON or plain Java, checked member by member, compared for
 * confirmation. Bounded: a hostile payload cannot build a deep or wide value.
 */
final class CompositeValues {
    static final int MAX_MEMBERS = 32;
    static final int MAX_DEPTH = 4;
    private static final JsonFactory JSON = new JsonFactory();
    private static final Object SKIPPED = new Object();

    private CompositeValues() {
    }

    /**
     * {@code raw} as a value of {@code spec}: a Map by member name, a List in the order of the declared members
     * ({@code [0.3, 0.4]} for x and y), or JSON text of an object. Members the spec does not declare are left out;
     * null when none it declares is there, or a member does not fit.
     */
    static Value accept(AttributeSpec spec, Object raw) {
        return accept(spec, raw, 0);
    }

    private static Value accept(AttributeSpec spec, Object raw, int depth) {
        if (depth > MAX_DEPTH) return null;
        if (raw instanceof String s) raw = parseObject(s);
        if (raw instanceof List<?> list) raw = positional(spec, list);
        if (!(raw instanceof Map<?, ?> map) || map.isEmpty() || map.size() > MAX_MEMBERS) return null;
        Map<String, Value> members = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Value v;
            if (spec.members().isEmpty()) v = untyped(e.getValue(), depth + 1);
            else {
                AttributeSpec member = spec.member(name).orElse(null);
                if (member == null) continue;
                v = member.type() == ValueType.COMPOSITE ? accept(member, e.getValue(), depth + 1) : member.typed(e.getValue());
            }
            if (v == null) return null;
            members.put(name, v);
        }
        return members.isEmpty() ? null : new Value.Composite(new TreeMap<>(members));
    }

    private static Object positional(AttributeSpec spec, List<?> list) {
        if (spec.members().size() != list.size()) return null;
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) map.put(spec.members().get(i).name(), list.get(i));
        return map;
    }

    /** A member of a composite with no declared members: a scalar, or a nested object. */
    private static Value untyped(Object raw, int depth) {
        if (raw instanceof Boolean b) return Value.of(b);
        if (raw instanceof Number n) return Double.isFinite(n.doubleValue()) ? Value.of(n.doubleValue()) : null;
        if (raw instanceof String s) return s.length() > AttributeSpec.MAX_TEXT ? null : Value.of(s);
        if (raw instanceof Map<?, ?>) return accept(AttributeSpec.composite("member"), raw, depth);
        return null;
    }

    /** Compares the members both carry, each within its step (or a hundredth of its range, for colour coordinates). */
    static boolean confirms(AttributeSpec spec, Value.Composite reported, Value.Composite requested) {
        for (Map.Entry<String, Value> e : requested.members().entrySet()) {
            Value seen = reported.members().get(e.getKey());
            if (seen == null) continue;
            AttributeSpec member = spec.member(e.getKey()).orElse(null);
            if (member == null) {
                if (!seen.equals(e.getValue())) return false;
                continue;
            }
            double range = member.max() - member.min();
            AttributeSpec tolerant = Double.isFinite(range) ? member.withStep(Math.max(member.step(), range / 100)) : member;
            if (!tolerant.confirms(seen, e.getValue())) return false;
        }
        return true;
    }

    /** JSON text of an object as a Map (numbers as Double), or null if it is not one, or too deep or wide. */
    static Object parseObject(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) return null;
        try (JsonParser p = JSON.createParser(t)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            Object map = readObject(p, 0);
            return p.nextToken() == null ? map : null;
        } catch (IOException | IllegalStateException e) {
            return null;
        }
    }

    /** The object the parser stands at the start of, as a Map; null (and the object skipped) if too deep or wide. */
    static Map<String, Object> readObject(JsonParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            p.skipChildren();
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        boolean ok = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            Object v = switch (token) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_STRING -> p.getText();
                case START_OBJECT -> readObject(p, depth + 1);
                default -> {
                    p.skipChildren(); // null or a list: no member
                    yield SKIPPED;
                }
            };
            if (v == SKIPPED) continue;
            if (v == null || map.size() >= MAX_MEMBERS) ok = false;
            else map.put(name, v);
        }
        if (p.currentToken() != JsonToken.END_OBJECT) throw new IllegalStateException("not an object");
        return ok ? map : null;
    }
}
