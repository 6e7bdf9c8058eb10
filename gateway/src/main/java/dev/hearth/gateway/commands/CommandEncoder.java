package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.PayloadFormat;
import dev.hearth.gateway.device.Value;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.hearth.gateway.message.Publication;

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

    private CommandEncoder() {
    }

    public sealed interface Encoded permits Ok, Invalid {
    }

    public record Ok(List<Publication> publications) implements Encoded {
    }

    public record Invalid(List<String> problems) implements Encoded {
    }

    public static Encoded encode(DeviceSpec device, Map<String, Value> set) {
        // One pass that accepts each value; the reasons are worked out only for a command that is refused.
        if (!device.acceptsCommands()) return new Invalid(validate(device, set));
        Map<String, Value> sorted = new TreeMap<>();
        for (Map.Entry<String, Value> e : set.entrySet()) {
            Optional<Value> accepted = device.attribute(e.getKey()).filter(AttributeSpec::writable)
                    .flatMap(spec -> spec.accept(e.getValue().plain()));
            if (accepted.isEmpty()) return new Invalid(validate(device, set));
            sorted.put(e.getKey(), accepted.get());
        }
        if (device.format() == PayloadFormat.JSON) {
            return new Ok(List.of(publication(device.commandTopicFor(""), jsonObject(sorted))));
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

    /**
     * The command document, written directly: a command is a flat object of a few scalars. Encoding a Vert.x
     * {@code JsonObject} went through Jackson databind (8 % of the home loop's time at saturation, and ~400 classes loaded
     * on the path to the first actuation); a streaming generator per command still cost its buffers. Only the
     * escaping of text comes from jackson-core. Whole numbers are written without a fraction ({@code 200}, not
     * {@code 200.0}), as devices expect.
     */
    static String jsonObject(Map<String, Value> values) {
        StringBuilder json = new StringBuilder(16 * values.size() + 2).append('{');
        values.forEach((name, value) -> {
            if (json.length() > 1) json.append(',');
            quoted(json, name).append(':');
            if (value instanceof Value.Text t) quoted(json, t.value());
            else json.append(value);
        });
        return json.append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"');
    }

    private static Publication publication(String topic, String payload) {
        return new Publication(topic, payload.getBytes(StandardCharsets.UTF_8), COMMAND_QOS, false);
    }
}
