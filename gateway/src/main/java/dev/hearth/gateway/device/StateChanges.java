package dev.hearth.gateway.device;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.List;

/**
 * Attribute changes the core applied one after the other, in that order: the body of
 * {@code hearth.device.state-changed}. One message per burst rather than per change, because each
 * message costs every subscriber a hop to its event loop (see {@code core.BurstPublisher}).
 */
public record StateChanges(List<StateChanged> changes) implements LocalMessage {
    public StateChanges {
        changes = List.copyOf(changes);
        if (changes.isEmpty()) throw new IllegalArgumentException("no changes");
    }

    public static StateChanges of(StateChanged... changes) {
        return new StateChanges(List.of(changes));
    }
}
