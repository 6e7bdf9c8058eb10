package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires when the attribute changes {@code from} → {@code to} (either may be omitted: any value). The first value
 * a device reports (out of unknown) fires only with {@code fromUnavailable}: no light flickers at start-up.
 */
public record StateTrigger(AttributeRef watches, Optional<Value> from, Optional<Value> to, Duration holdFor, boolean fromUnavailable)
        implements Trigger.Watching {
    public static final TriggerKind KIND = new TriggerKind("state", StateTrigger::read);

    public StateTrigger {
        Objects.requireNonNull(watches, "watches");
        Objects.requireNonNull(holdFor, "holdFor");
    }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        Optional<TriggerParts.Watched> w = parts.watched(t);
        Optional<Value> from = w.flatMap(x -> parts.value(t, "from", x.spec()));
        Optional<Value> to = w.flatMap(x -> parts.value(t, "to", x.spec()));
        Duration hold = t.duration("for", Duration.ZERO);
        boolean fromUnavailable = t.flag("from_unavailable", false);
        return w.map(x -> new StateTrigger(x.ref(), from, to, hold, fromUnavailable));
    }

    @Override
    public StateTrigger on(DeviceId device) {
        return new StateTrigger(new AttributeRef(device, watches.attribute()), from, to, holdFor, fromUnavailable);
    }

    @Override
    public boolean firesOn(TriggerEvent.StateChange event) {
        StateChanged change = event.change();
        if (change.previous().isEmpty()) return fromUnavailable && from.isEmpty() && holds(change.value());
        // Plain tests, no capturing lambdas: these run for every change of a watched attribute.
        return (from.isEmpty() || from.get().equals(change.previous().get())) && holds(change.value());
    }

    @Override
    public boolean holds(Value current) {
        return to.isEmpty() || to.get().equals(current);
    }

    @Override
    public String describe() {
        return "state " + watches + from.map(f -> " from " + f).orElse("") + to.map(t -> " to " + t).orElse("")
                + Trigger.hold(holdFor);
    }
}
