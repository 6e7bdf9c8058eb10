package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The gateway itself: started (once triggers are armed), its broker connection lost or restored. */
public record GatewayTrigger(Event event) implements Trigger {
    public static final TriggerKind KIND = new TriggerKind("gateway", GatewayTrigger::read);

    public enum Event { STARTED, CONNECTION_LOST, CONNECTION_RESTORED }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        List<String> events = List.of("started", "connection_lost", "connection_restored");
        Optional<Event> event = t.choice("event", e -> Optional.of(e).filter(events::contains)
                .map(x -> Event.valueOf(x.toUpperCase(Locale.ROOT))), events);
        if (!t.has("event")) t.missing("event");
        return event.map(GatewayTrigger::new);
    }

    @Override
    public Object key() {
        return event;
    }

    /** Offered only its own event. */
    @Override
    public Reaction react(TriggerEvent e) {
        return Reaction.FIRE;
    }

    @Override
    public String describe() {
        return "gateway " + event.name().toLowerCase();
    }
}
