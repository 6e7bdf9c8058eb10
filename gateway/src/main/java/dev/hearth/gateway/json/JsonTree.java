package dev.hearth.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON document as plain Java: {@code Map<String,Object>} (in document order), {@code List<Object>}, String,
 * Long or Double, Boolean, and {@link #NULL} for JSON's null. Used where a whole document is needed at once
 * (discovery configs, templates over a state payload); jackson-core only, no data binding, nesting capped.
 */
public final class JsonTree {
    /** JSON's null, distinct from a missing field. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private static final int MAX_DEPTH = 32;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();

    private JsonTree() {
    }

    /** The parsed document, or empty if the bytes are not one well-formed JSON value. */
    public static Optional<Object> parse(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) return Optional.empty();
            Object value = read(p, first);
            return p.nextToken() == null ? Optional.of(value) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The document if it is an object. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> parseObject(byte[] json) {
        return parse(json).filter(Map.class::isInstance).map(m -> (Map<String, Object>) m);
    }

    private static Object read(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> readArray(p);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            map.put(name, read(p, p.nextToken()));
        }
        if (t != JsonToken.END_OBJECT) throw new IOException("unterminated object");
        return Collections.unmodifiableMap(map);
    }

    private static List<Object> readArray(JsonParser p) throws IOException {
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) throw new IOException("unterminated array");
            list.add(read(p, t));
        }
        return Collections.unmodifiableList(list);
    }
}
