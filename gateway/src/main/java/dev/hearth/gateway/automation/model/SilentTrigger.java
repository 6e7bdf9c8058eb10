package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A device has sent nothing at all (not even an unchanged value) for {@code after}: a sensor whose battery died
 * or that dropped off the network without a will message. A hold that every message starts again; counted from
 * start-up for a device not yet heard.
 */
public record SilentTrigger(DeviceId device, Duration after) implements Trigger {
    public static final TriggerKind KIND = new TriggerKind("silent", SilentTrigger::read);

    public SilentTrigger {
        Objects.requireNonNull(device, "device");
        if (after.isZero() || after.isNegative()) throw new IllegalArgumentException("silent needs a positive duration");
    }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        Optional<DeviceSpec> device = parts.device(t);
        if (!t.has("for")) t.missing("for");
        Optional<Duration> after = t.duration("for").filter(d -> {
            if (!d.isZero()) return true;
            t.problemAtValue("for", "'for' must be longer than zero");
            return false;
        });
        return device.flatMap(d -> after.map(a -> new SilentTrigger(d.id(), a)));
    }

    @Override
    public Object key() {
        return TriggerEvent.DeviceSeen.key(device);
    }

    @Override
    public Reaction react(TriggerEvent event) {
        return Reaction.RESTART;
    }

    @Override
    public Duration holdFor() {
        return after;
    }

    /** A device not heard since start-up is silent from then on. */
    @Override
    public Optional<TriggerEvent> atArming() {
        return Optional.of(new TriggerEvent.DeviceSeen(device));
    }

    /** A restored hold of silence goes on: nothing was heard while the gateway was down. */
    @Override
    public Optional<String> stillHolds(StateView states) {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "silent " + device + " for " + Durations.format(after);
    }
}
