package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.ValueType;
import dev.hearth.gateway.yaml.YamlMap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A button or remote sent an event: {@code {trigger: event, device: hall_button, event: single}} ({@code event} one name
 * or a list; none: any). Fires on every report, the first after a start and the same one twice too: an event is no
 * change of state. {@code attribute} names the device's event attribute when it has more than one.
 */
public record EventTrigger(DeviceId device, String attribute, Set<String> events) implements Trigger {
    public static final TriggerKind KIND = new TriggerKind("event", EventTrigger::read);

    public EventTrigger {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(attribute, "attribute");
        events = Set.copyOf(events);
    }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        Optional<DeviceSpec> device = parts.device(t);
        Optional<String> named = t.text("attribute");
        List<String> events = t.listOfText("event");
        if (device.isEmpty()) return Optional.empty();
        Optional<AttributeSpec> attribute = eventAttribute(t, device.get(), named);
        if (attribute.isEmpty()) return Optional.empty();
        List<String> known = attribute.get().options();
        for (String e : events) {
            if (!known.isEmpty() && !known.contains(e)) {
                t.problemAtValue("event", device.get().id() + "." + attribute.get().name() + " sends no event '" + e
                        + "' (it sends " + String.join(", ", known) + ")");
                return Optional.empty();
            }
        }
        return Optional.of(new EventTrigger(device.get().id(), attribute.get().name(), new LinkedHashSet<>(events)));
    }

    /** The attribute named, or the device's only event attribute. */
    private static Optional<AttributeSpec> eventAttribute(YamlMap t, DeviceSpec device, Optional<String> named) {
        List<AttributeSpec> candidates = device.attributes().values().stream().filter(a -> a.type() == ValueType.EVENT)
                .filter(a -> named.map(a.name()::equals).orElse(true)).sorted((a, b) -> a.name().compareTo(b.name())).toList();
        if (candidates.size() == 1) return Optional.of(candidates.get(0));
        if (candidates.isEmpty()) {
            String where = named.map(n -> device.id() + " has no event attribute '" + n + "'")
                    .orElse(device.id() + " sends no events (it has no attribute of type event)");
            t.problem(t.node(), where);
        } else {
            t.problem(t.node(), device.id() + " has several event attributes; name one with attribute: ("
                    + String.join(", ", candidates.stream().map(AttributeSpec::name).toList()) + ")");
        }
        return Optional.empty();
    }

    @Override
    public Object key() {
        return TriggerEvent.Occurrence.key(device);
    }

    @Override
    public Reaction react(TriggerEvent event) {
        EventReported e = ((TriggerEvent.Occurrence) event).event();
        boolean fires = e.attribute().equals(attribute) && (events.isEmpty() || events.contains(e.event()));
        return fires ? Reaction.FIRE : Reaction.NONE;
    }

    @Override
    public String describe() {
        return "event " + device + "." + attribute + (events.isEmpty() ? "" : " " + String.join(" or ", events.stream().sorted().toList()));
    }
}
