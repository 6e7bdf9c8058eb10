package dev.hearth.gateway.core;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.StateChanges;
import io.vertx.core.Context;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the core's state changes on {@link Addresses#DEVICE_STATE_CHANGED} in batches. Each message costs every
 * subscriber (history, dashboard, metrics) a hop to its own event loop; at saturation those hops were a large part of
 * the core's time. A change is added while the core works through the messages waiting for it, and the batch goes out
 * in a task queued behind them: a lone change leaves at once, a burst leaves as one message, and no change waits for a
 * timer. A batch is also sent when it reaches {@link #MAX_BATCH}, so a flood that never lets the queue drain still
 * reaches the subscribers.
 */
final class StateChangePublisher {
    static final int MAX_BATCH = 256;

    private final EventBus bus;
    private final Context context;
    private List<StateChanged> pending = new ArrayList<>();

    StateChangePublisher(EventBus bus, Context context) {
        this.bus = bus;
        this.context = context;
    }

    /** Call on the core's event loop. */
    void add(StateChanged change) {
        if (pending.isEmpty()) context.runOnContext(v -> flush());
        pending.add(change);
        if (pending.size() >= MAX_BATCH) flush();
    }

    /** Publishes what is pending now (also when the core stops). */
    void flush() {
        if (pending.isEmpty()) return;
        StateChanges batch = new StateChanges(pending);
        pending = new ArrayList<>();
        bus.publish(Addresses.DEVICE_STATE_CHANGED, batch);
    }
}
