package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.automation.model.TriggerKinds;
import dev.hearth.gateway.yaml.YamlMap;

import java.util.Optional;

/** Reads one trigger: {@code trigger: <kind>} picks the kind, whose own file reads the rest (see {@link TriggerKinds}). */
final class TriggerReader {
    private final PartReader parts;

    TriggerReader(PartReader parts) {
        this.parts = parts;
    }

    Optional<Trigger> trigger(YamlMap t) {
        var kind = t.choice("trigger", TriggerKinds::named, TriggerKinds.NAMES);
        if (!t.has("trigger")) t.missing("trigger");
        Optional<Trigger> result = kind.flatMap(k -> k.reader().read(t, parts));
        t.finish();
        return result;
    }
}
