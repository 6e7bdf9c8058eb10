package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.automation.model.TriggerKinds;
import dev.hearth.gateway.yaml.YamlMap;

import java.util.Optional;
import java.util.regex.Pattern;

/** Reads one trigger: {@code trigger: <kind>} picks the kind, whose own file reads the rest (see {@link TriggerKinds}). */
final class TriggerReader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** A trigger of an automation with the {@code id:} written on it, if any. */
    record Identified(Trigger trigger, Optional<String> id) {
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
        return trigger(t).filter(x -> !badId).map(x -> new Identified(x, id));
    }

    Optional<Trigger> trigger(YamlMap t) {
        var kind = t.choice("trigger", TriggerKinds::named, TriggerKinds.NAMES);
        if (!t.has("trigger")) t.missing("trigger");
        Optional<Trigger> result = kind.flatMap(k -> k.reader().read(t, parts));
        t.finish();
        return result;
    }
}
