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
import java.util.Optional;

/**
 * Turns payload bytes into typed values: the single place where MQTT text becomes {@link Value}s.
 * Unknown JSON fields (Zigbee2MQTT sends many, such as {@code update} or {@code voltage}) are ignored.
 */
public final class PayloadDecoder {
    private static final JsonFactory JSON = new JsonFactory();
    private final int maxPayloadBytes;

    public PayloadDecoder(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Decoded decode(TopicRoutes.Route route, byte[] payload) {
        if (payload.length > maxPayloadBytes) {
            return new Decoded.Rejected(Malformed.OVERSIZE, payload.length + " bytes, limit " + maxPayloadBytes);
        }
        // Java 17 has no pattern switch; the Route family is sealed, so this chain is exhaustive.
        if (route instanceof TopicRoutes.StateDocument doc) return decodeDocument(doc.device(), payload);
        String text = new String(payload, StandardCharsets.UTF_8);
        if (route instanceof TopicRoutes.AttributeValue one) return decodeSingle(one.attribute(), text);
        return Availability.parse(text)
                .<Decoded>map(Decoded.Availabilities::new)
                .orElseGet(() -> new Decoded.Rejected(Malformed.BAD_AVAILABILITY, "'" + abbreviate(text) + "'"));
    }

    /**
     * Reads the document token by token, straight from the bytes: no text copy and no tree of every field (a sensor
     * flood spent a fifth of the core's time building them). Only the fields of known attributes become values.
     */
    private static Decoded decodeDocument(DeviceSpec device, byte[] payload) {
        if (!startsAnObject(payload)) return new Decoded.Rejected(Malformed.NOT_AN_OBJECT, abbreviate(payload));
        Map<String, Value> values = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        try (JsonParser p = JSON.createParser(payload)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                AttributeSpec spec = device.attributes().get(p.currentName());
                JsonToken token = p.nextToken();
                if (spec == null || token == JsonToken.VALUE_NULL) {
                    p.skipChildren();
                    continue;
                }
                Object raw = scalar(p, token);
                Optional<Value> v = spec.accept(raw);
                if (v.isPresent()) values.put(spec.name(), v.get());
                else wrong.add(spec.name() + "=" + abbreviate(String.valueOf(raw)) + " (expected " + spec.expectation() + ")");
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return new Decoded.Rejected(Malformed.BAD_JSON, abbreviate(payload));
            }
        } catch (IOException e) {
            return new Decoded.Rejected(Malformed.BAD_JSON, abbreviate(payload));
        }
        return new Decoded.Values(values, wrong);
    }

    /** A JSON scalar as Java (Boolean, Number, String); a nested object or array is skipped and named. */
    private static Object scalar(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_STRING -> p.getText();
            default -> {
                p.skipChildren();
                yield token == JsonToken.START_ARRAY ? "[...]" : "{...}";
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

    private static Decoded decodeSingle(AttributeSpec spec, String text) {
        return spec.accept(text.strip())
                .<Decoded>map(v -> new Decoded.Values(Map.of(spec.name(), v), List.of()))
                .orElseGet(() -> new Decoded.Values(Map.of(),
                        List.of(spec.name() + "=" + abbreviate(text) + " (expected " + spec.expectation() + ")")));
    }

    private static String abbreviate(byte[] payload) {
        return abbreviate(new String(payload, StandardCharsets.UTF_8));
    }

    static String abbreviate(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
