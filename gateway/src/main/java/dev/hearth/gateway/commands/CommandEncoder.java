package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.AttributeMapping;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceFormat;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.Publication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Validates a command against what the device accepts and turns it into MQTT publications: an attribute with a
 * command template of its own through it, the rest as the device's {@link DeviceFormat} writes them. Commands are
 * never retained: a retained command replays on every reconnect and switches devices by themselves.
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
        SortedMap<String, Value> byFormat = new TreeMap<>();
        List<Publication> out = new ArrayList<>(1);
        for (Map.Entry<String, Value> e : set.entrySet()) {
            AttributeSpec spec = device.attributes().get(e.getKey());
            Value accepted = spec == null || !device.commandable(spec) ? null : spec.accept(e.getValue().plain()).orElse(null);
            if (accepted == null) return new Invalid(validate(device, set));
            if (spec.mapping().command().isPresent()) {
                AttributeMapping.CommandTemplate template = spec.mapping().command().get();
                out.add(publication(template.topic(), template.payloadFor(spec.mapping().toPayload(accepted))));
            } else byFormat.put(e.getKey(), accepted);
        }
        if (!byFormat.isEmpty()) {
            for (DeviceFormat.Command c : device.format().encode(device.attributes(), byFormat)) out.add(publication(c.topic(), c.payload()));
        }
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
            AttributeSpec spec = device.attributes().get(name);
            if (spec == null) problems.add(device.id() + " has no attribute '" + name + "'");
            else if (!device.commandable(spec)) problems.add(device.id() + "." + name + " is read-only");
            else if (spec.accept(value.plain()).isEmpty()) {
                problems.add(device.id() + "." + name + " must be " + spec.expectation() + ", got " + value);
            }
        });
        return problems;
    }

    private static Publication publication(String topic, String payload) {
        return new Publication(topic, payload.getBytes(StandardCharsets.UTF_8), COMMAND_QOS, false);
    }
}
