package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.TargetCommand;
import dev.hearth.gateway.commands.CommandEncoder;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A command to a room, kind or group, as it runs: the devices its target names now, each sent the values in its own
 * attributes' types, once; a device that cannot take them (no such attribute, out of its range) is left out and named.
 */
final class TargetedCommands {
    /** Who gets what, and who was left out and why; {@link #text} is the run's step. */
    record Plan(String target, Map<DeviceId, Map<String, Value>> commands, List<String> skipped) {
        String text() {
            List<String> sent = new ArrayList<>();
            commands.forEach((id, set) -> sent.add(id + " " + new TreeMap<>(set)));
            return "command " + target + ": " + (sent.isEmpty() ? "no device" : String.join(", ", sent))
                    + (skipped.isEmpty() ? "" : "; left out: " + String.join("; ", skipped));
        }
    }

    private TargetedCommands() {
    }

    static Plan plan(TargetCommand.Target target, Collection<DeviceSpec> devices, Map<String, Value> set) {
        Map<DeviceId, Map<String, Value>> commands = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (DeviceSpec d : target.resolve(devices)) {
            if (!d.acceptsCommands()) continue;
            List<String> problems = CommandEncoder.validate(d, set);
            if (!problems.isEmpty()) {
                skipped.add(String.join(", ", problems));
                continue;
            }
            Map<String, Value> typed = new LinkedHashMap<>();
            set.forEach((name, v) -> typed.put(name, d.attribute(name).flatMap(a -> a.accept(v.plain())).orElse(v)));
            commands.put(d.id(), typed);
        }
        return new Plan(target.toString(), commands, skipped);
    }
}
