package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** Fires when a number crosses into the range {@code above < value < below}. */
public record NumericTrigger(AttributeRef watches, OptionalDouble above, OptionalDouble below, Duration holdFor)
        implements Trigger.Watching {
    public static final TriggerKind KIND = new TriggerKind("numeric", NumericTrigger::read);

    public NumericTrigger {
        Objects.requireNonNull(watches, "watches");
        Objects.requireNonNull(holdFor, "holdFor");
        if (above.isEmpty() && below.isEmpty()) throw new IllegalArgumentException("need above or below");
    }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        Optional<TriggerParts.Watched> w = parts.watched(t).filter(x -> parts.numeric(t, x));
        OptionalDouble above = t.number("above");
        OptionalDouble below = t.number("below");
        Duration hold = t.duration("for", Duration.ZERO);
        if (!parts.rangeOk(t, above, below)) return Optional.empty();
        return w.map(x -> new NumericTrigger(x.ref(), above, below, hold));
    }

    @Override
    public NumericTrigger on(DeviceId device) {
        return new NumericTrigger(new AttributeRef(device, watches.attribute()), above, below, holdFor);
    }

    @Override
    public boolean firesOn(TriggerEvent.StateChange event) {
        StateChanged change = event.change();
        return change.previous().isPresent() && holds(change.value()) && !holds(change.previous().get());
    }

    @Override
    public boolean holds(Value current) {
        return current instanceof Value.Number n && NumericRange.contains(above, below, n.value());
    }

    @Override
    public String describe() {
        return "numeric " + watches + NumericRange.describe(above, below) + Trigger.hold(holdFor);
    }
}
