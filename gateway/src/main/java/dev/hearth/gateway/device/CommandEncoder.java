package dev.hearth.gateway.device;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.gateway.mqtt.Publication;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Validates a command against what the device accepts and turns it into MQTT publications in the
 * device's payload format. Commands are never retained: a retained command replays on every
 * reconnect and switches devices by themselves.
 */
public final class CommandEncoder {
    public static final int COMMAND_QOS = 1;
    /**
     * jackson-core's streaming writer, not Vert.x's JsonObject: the first JsonObject encoded loads and
     * configures Jackson databind (~400 classes, on the path to the first actuation after a start).
     */
    private static final JsonFactory JSON = new JsonFactory();

    private CommandEncoder() {
    }

    public sealed interface Encoded permits Ok, Invalid {
    }

    public record Ok(List<Publication> publications) implements Encoded {
    }

    public record Invalid(List<String> problems) implements Encoded {
    }

    public static Encoded encode(DeviceSpec device, Map<String, Value> set) {
        List<String> problems = validate(device, set);
        if (!problems.isEmpty()) return new Invalid(problems);
        Map<String, Value> sorted = new TreeMap<>();
        set.forEach((k, v) -> sorted.put(k, device.attribute(k).orElseThrow().accept(v.plain()).orElseThrow()));
        if (device.format() == PayloadFormat.JSON) {
            return new Ok(List.of(publication(device.commandTopicFor(""), json(sorted))));
        }
        List<Publication> out = new ArrayList<>();
        sorted.forEach((k, v) -> out.add(publication(device.commandTopicFor(k), v.toString())));
        return new Ok(out);
    }

    /** Every reason the device would not accept {@code set}; empty when it is fine. */
    public static List<String> validate(DeviceSpec device, Map<String, Value> set) {
        List<String> problems = new ArrayList<>();
        if (!device.acceptsCommands()) {
            problems.add(device.id() + " is a " + device.kind().yamlName() + " and accepts no commands");
            return problems;
        }
        set.forEach((name, value) -> {
            Optional<AttributeSpec> spec = device.attribute(name);
            if (spec.isEmpty()) problems.add(device.id() + " has no attribute '" + name + "'");
            else if (!spec.get().writable()) problems.add(device.id() + "." + name + " is read-only");
            else if (spec.get().accept(value.plain()).isEmpty()) {
                problems.add(device.id() + "." + name + " must be " + spec.get().expectation() + ", got " + value);
            }
        });
        return problems;
    }

    /** One JSON object of the attributes, in the map's order; whole numbers without a fraction (brightness 200, not 200.0). */
    private static String json(Map<String, Value> attributes) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Value> e : attributes.entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Value v) throws IOException {
        if (v instanceof Value.Bool b) g.writeBoolean(b.value());
        else if (v instanceof Value.Text t) g.writeString(t.value());
        else if (v instanceof Value.Number n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15) g.writeNumber((long) n.value());
        else if (v instanceof Value.Number n) g.writeNumber(n.value());
    }

    private static Publication publication(String topic, String payload) {
        return new Publication(topic, payload.getBytes(StandardCharsets.UTF_8), COMMAND_QOS, false);
    }
}
