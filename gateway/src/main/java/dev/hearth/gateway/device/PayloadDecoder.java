package dev.hearth.gateway.device;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

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
    private final int maxPayloadBytes;

    public PayloadDecoder(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Decoded decode(TopicRoutes.Route route, byte[] payload) {
        if (payload.length > maxPayloadBytes) {
            return new Decoded.Rejected(Malformed.OVERSIZE, payload.length + " bytes, limit " + maxPayloadBytes);
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        // Java 17 has no pattern switch; the Route family is sealed, so this chain is exhaustive.
        if (route instanceof TopicRoutes.StateDocument doc) return decodeDocument(doc.device(), text);
        if (route instanceof TopicRoutes.AttributeValue one) return decodeSingle(one.attribute(), text);
        return Availability.parse(text)
                .<Decoded>map(Decoded.Availabilities::new)
                .orElseGet(() -> new Decoded.Rejected(Malformed.BAD_AVAILABILITY, "'" + abbreviate(text) + "'"));
    }

    private Decoded decodeDocument(DeviceSpec device, String text) {
        JsonObject json;
        try {
            if (!text.stripLeading().startsWith("{")) return new Decoded.Rejected(Malformed.NOT_AN_OBJECT, abbreviate(text));
            json = new JsonObject(text);
        } catch (DecodeException e) {
            return new Decoded.Rejected(Malformed.BAD_JSON, abbreviate(text));
        }
        Map<String, Value> values = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Object> field : json) {
            AttributeSpec spec = device.attributes().get(field.getKey());
            if (spec == null || field.getValue() == null) continue;
            Optional<Value> v = spec.accept(field.getValue());
            if (v.isPresent()) values.put(spec.name(), v.get());
            else wrong.add(spec.name() + "=" + abbreviate(String.valueOf(field.getValue())) + " (expected " + spec.expectation() + ")");
        }
        return new Decoded.Values(values, wrong);
    }

    private static Decoded decodeSingle(AttributeSpec spec, String text) {
        return spec.accept(text.strip())
                .<Decoded>map(v -> new Decoded.Values(Map.of(spec.name(), v), List.of()))
                .orElseGet(() -> new Decoded.Values(Map.of(),
                        List.of(spec.name() + "=" + abbreviate(text) + " (expected " + spec.expectation() + ")")));
    }

    static String abbreviate(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
