package dev.hearth.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON document as plain Java: {@code Map<String, Object>} (in document order), {@code List<Object>}, String,
 * Number, Boolean and {@code null}, read with jackson-core alone (no databind, see {@link CoreJsonFactory}). For
 * documents a feature reads whole, such as discovery's; nesting is capped so a hostile document cannot exhaust the
 * stack.
 */
public final class JsonValues {
    private static final int MAX_DEPTH = 64;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();

    private JsonValues() {
    }

    /** The document's value, or empty when it is not one well-formed JSON value (or is {@code null}). */
    public static Optional<Object> parse(byte[] payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first == null) return Optional.empty();
            Object value = value(p, first);
            if (p.nextToken() != null) return Optional.empty();
            return Optional.ofNullable(value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            map.put(name, value(p, p.nextToken()));
        }
        return map;
    }

    private static List<Object> array(JsonParser p) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) throw new IOException("unterminated array");
            list.add(value(p, t));
        }
        return list;
    }
}
