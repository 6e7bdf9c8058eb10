package dev.hearth.gateway.device;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns payload bytes into typed values: the single place where MQTT text becomes {@link Value}s, for every format
 * (a route's {@link FieldTree} says which fields carry which attributes). Unknown JSON fields (Zigbee2MQTT sends many,
 * such as {@code update} or {@code voltage}) are skipped unread.
 */
public final class PayloadDecoder {
    private static final JsonFactory JSON = new JsonFactory();
    /** Deeper than any real device nests its values (Shelly: params → switch:0 → aenergy → total). */
    private static final int MAX_DEPTH = 8;
    /** Elements of a list read for a selection (Shelly sends one event per notification; a hostile list is long). */
    private static final int MAX_ELEMENTS = 16;
    private final int maxPayloadBytes;

    public PayloadDecoder(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Decoded decode(TopicRoutes.Route route, byte[] payload) {
        if (payload.length > maxPayloadBytes) {
            return new Decoded.Rejected(Malformed.OVERSIZE, payload.length + " bytes, limit " + maxPayloadBytes);
        }
        // Java 17 has no pattern switch; the Route family is sealed, so this chain is exhaustive.
        if (route instanceof TopicRoutes.Reading reading) {
            FieldTree fields = reading.fields();
            boolean whole = fields.here().length > 0;
            if (fields.hasFields() && (!whole || startsAnObject(payload))) return decodeDocument(fields, payload);
            return decodeWhole(fields.here(), new String(payload, StandardCharsets.UTF_8));
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        return Availability.parse(text)
                .<Decoded>map(Decoded.Availabilities::new)
                .orElseGet(() -> new Decoded.Rejected(Malformed.BAD_AVAILABILITY, "'" + abbreviate(text) + "'"));
    }

    /** What one document's fields gave. */
    private static final class Found {
        final HashMap<String, Value> values = new HashMap<>();
        HashMap<String, Value> events;
        List<String> wrong = List.of();

        void accept(AttributeSpec spec, Object payloadValue) {
            Object raw = spec.mapping().transformed(payloadValue);
            if (raw == AttributeMapping.ABSENT) return;
            Value v = spec.read(raw);
            if (v == null) {
                if (spec.type() == ValueType.EVENT && raw instanceof String s && s.isBlank()) return; // the reset after a press
                if (wrong.isEmpty()) wrong = new ArrayList<>(2);
                wrong.add(spec.name() + "=" + abbreviate(String.valueOf(raw)) + " (expected " + spec.expectation() + ")");
            } else if (spec.type() == ValueType.EVENT) {
                if (events == null) events = new HashMap<>(2);
                events.put(spec.name(), v);
            } else {
                values.put(spec.name(), v);
            }
        }

        Decoded.Values decoded() {
            // The maps go over as they are: this Found is dropped once decoded.
            return new Decoded.Values(OwnedMap.of(values), events == null ? Map.of() : OwnedMap.of(events), wrong);
        }
    }

    /**
     * Reads the document token by token, straight from the bytes: no text copy and no tree of every field (a sensor
     * flood spent a fifth of the core's time building them). Only the fields the tree names become values.
     */
    private static Decoded decodeDocument(FieldTree fields, byte[] payload) {
        if (!startsAnObject(payload)) return new Decoded.Rejected(Malformed.NOT_AN_OBJECT, abbreviate(payload));
        Found found = new Found();
        try (JsonParser p = JSON.createParser(payload)) {
            p.nextToken();
            readObject(p, fields, found, 0);
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return new Decoded.Rejected(Malformed.BAD_JSON, abbreviate(payload));
            }
        } catch (IOException e) {
            return new Decoded.Rejected(Malformed.BAD_JSON, abbreviate(payload));
        }
        return found.decoded();
    }

    /** The fields of the object the parser has just entered, as far as {@code node} names them. */
    private static void readObject(JsonParser p, FieldTree node, Found found, int depth) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            FieldTree field = node.child(p.currentName());
            JsonToken token = p.nextToken();
            if (field == null || token == JsonToken.VALUE_NULL) {
                p.skipChildren();
            } else if (token == JsonToken.START_OBJECT && field.hasFields() && !field.takesObject() && depth < MAX_DEPTH) {
                readObject(p, field, found, depth + 1);
            } else if (token == JsonToken.START_ARRAY && field.selectsElements()) {
                readElements(p, field, found);
            } else {
                Object raw = value(p, token, field);
                for (AttributeSpec spec : field.here()) found.accept(spec, raw);
            }
        }
    }

    /** The elements of a list that the field picks by one of their fields, each read as a small bounded object. */
    private static void readElements(JsonParser p, FieldTree list, Found found) throws IOException {
        int read = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) throw new IOException("unfinished list");
            if (t != JsonToken.START_OBJECT || read++ >= MAX_ELEMENTS) {
                p.skipChildren();
                continue;
            }
            Map<String, Object> element = CompositeValues.readObject(p, 0);
            if (element != null) for (FieldTree node : list.matching(element)) readMap(element, node, found);
        }
    }

    @SuppressWarnings("unchecked")
    private static void readMap(Map<String, Object> object, FieldTree node, Found found) {
        object.forEach((name, v) -> {
            FieldTree field = node.child(name);
            if (field == null) return;
            if (v instanceof Map<?, ?> m && field.hasFields() && !field.takesObject()) readMap((Map<String, Object>) m, field, found);
            else for (AttributeSpec spec : field.here()) found.accept(spec, v);
        });
    }

    /** A JSON value as Java (Boolean, Number, String; a Map for a composite); another object or array is skipped and named. */
    private static Object value(JsonParser p, JsonToken token, FieldTree field) throws IOException {
        return switch (token) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_STRING -> p.getText();
            case START_OBJECT -> {
                if (field.takesObject()) {
                    Map<String, Object> object = CompositeValues.readObject(p, 0);
                    yield object == null ? "{...}" : object;
                }
                p.skipChildren();
                yield "{...}";
            }
            default -> {
                p.skipChildren();
                yield "[...]";
            }
        };
    }

    private static boolean startsAnObject(byte[] payload) {
        for (byte b : payload) {
            if (b == '{') return true;
            if (!Character.isWhitespace(b)) return false;
        }
        return false;
    }

    /** The whole payload is the value of each attribute (Homie, Tasmota's {@code stat/t/POWER}). */
    private static Decoded decodeWhole(AttributeSpec[] attributes, String text) {
        Found found = new Found();
        String value = text.strip();
        for (AttributeSpec spec : attributes) found.accept(spec, value);
        return found.decoded();
    }

    private static String abbreviate(byte[] payload) {
        return abbreviate(new String(payload, StandardCharsets.UTF_8));
    }

    static String abbreviate(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
