package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.automation.model.TriggerKinds;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.yaml.YamlMap;

import java.util.List;

import java.util.Optional;
import java.util.regex.Pattern;

/** Reads one trigger: {@code trigger: <kind>} picks the kind, whose own file reads the rest (see {@link TriggerKinds}). */
final class TriggerReader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** A trigger of an automation as written, with its {@code id:} if any: several triggers for a group's members. */
    record Identified(List<Trigger> triggers, Optional<String> id) {
    }

    private final PartReader parts;

    TriggerReader(PartReader parts) {
        this.parts = parts;
    }

    /** A trigger of an automation's {@code triggers}: any kind may carry an {@code id:}. */
    Optional<Identified> identified(YamlMap t) {
        Optional<String> id = t.text("id").filter(i -> {
            if (!ID.matcher(i).matches()) t.problemAtValue("id", "a trigger id is 1 to 64 letters, digits, '_', '-' or '.', got '" + i + "'");
            return ID.matcher(i).matches();
        });
        boolean badId = t.has("id") && id.isEmpty();
        Optional<List<DeviceId>> group = parts.devices.group(t, "device");
        boolean all = group.isPresent() && GroupReader.all(t, false);
        Optional<List<Trigger>> read = read(t).flatMap(x -> group.isEmpty() ? Optional.of(List.of(x))
                : GroupReader.triggers(t, x, t.text("device").orElseThrow(), group.get(), all));
        return read.filter(x -> !badId).map(x -> new Identified(x, id));
    }

    /** A trigger that is one trigger (a {@code wait}'s): no group. */
    Optional<Trigger> trigger(YamlMap t) {
        if (parts.devices.group(t, "device").isPresent()) {
            t.problemAtValue("device", "a wait watches one device, not a group");
            t.keys().forEach(t::has);
            return Optional.empty();
        }
        return read(t);
    }

    private Optional<Trigger> read(YamlMap t) {
        var kind = t.choice("trigger", TriggerKinds::named, TriggerKinds.NAMES);
        if (!t.has("trigger")) t.missing("trigger");
        Optional<Trigger> result = kind.flatMap(k -> k.reader().read(t, parts));
        t.finish();
        return result;
    }
}
