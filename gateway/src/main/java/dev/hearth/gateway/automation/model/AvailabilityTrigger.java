package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A device going online or offline (optionally for a while); out of unknown fires only into offline. */
public record AvailabilityTrigger(DeviceId device, Availability to, Duration holdFor) implements Trigger {
    public static final TriggerKind KIND = new TriggerKind("availability", AvailabilityTrigger::read);

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        Optional<DeviceSpec> device = parts.device(t);
        List<String> states = List.of("online", "offline");
        Optional<Availability> to = t.choice("to", s -> Optional.of(s).filter(states::contains)
                .map(x -> Availability.valueOf(x.toUpperCase(Locale.ROOT))), states);
        if (!t.has("to")) t.missing("to");
        Duration hold = t.duration("for", Duration.ZERO);
        return device.flatMap(d -> to.map(a -> new AvailabilityTrigger(d.id(), a, hold)));
    }

    @Override
    public Object key() {
        return TriggerEvent.AvailabilityChange.key(device);
    }

    @Override
    public Reaction react(TriggerEvent event) {
        AvailabilityChanged change = ((TriggerEvent.AvailabilityChange) event).change();
        if (change.current() != to) return Reaction.INTERRUPT;
        boolean backFromUnknown = change.previous() == Availability.UNKNOWN && change.current() == Availability.ONLINE;
        return backFromUnknown ? Reaction.NONE : Reaction.FIRE;
    }

    /** A wait ends whenever the device becomes {@code to}, out of unknown too. */
    @Override
    public boolean ends(TriggerEvent event) {
        return key().equals(event.key()) && ((TriggerEvent.AvailabilityChange) event).change().current() == to;
    }

    @Override
    public Optional<String> stillHolds(StateView states) {
        Availability now = states.availability(device);
        return now == to ? Optional.empty() : Optional.of(device + " is now " + now.name().toLowerCase());
    }

    @Override
    public String describe() {
        return "availability " + device + " " + to.name().toLowerCase() + Trigger.hold(holdFor);
    }
}
