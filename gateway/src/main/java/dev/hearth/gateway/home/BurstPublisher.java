package dev.hearth.gateway.home;

import dev.hearth.gateway.bus.LocalMessage;
import io.vertx.core.Context;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Publishes what the home produces per message (state changes, automation runs) in batches. Each bus message costs
 * every subscriber (history, dashboard, metrics) a hop to its own event loop; at saturation those hops were a large
 * part of the home's time. An item is added while the home works through the messages waiting for it, and the batch
 * goes out in a task queued behind them: a lone item leaves at once, a burst leaves as one message, and nothing waits
 * for a timer. A batch is also sent when it reaches {@link #MAX_BATCH}, so a flood that never lets the queue drain
 * still reaches the subscribers. Call only on the home's event loop.
 */
final class BurstPublisher<T> {
    static final int MAX_BATCH = 256;

    private final EventBus bus;
    private final Context context;
    private final String address;
    private final Function<List<T>, LocalMessage> batch;
    private List<T> pending = new ArrayList<>();

    BurstPublisher(EventBus bus, Context context, String address, Function<List<T>, LocalMessage> batch) {
        this.bus = bus;
        this.context = context;
        this.address = address;
        this.batch = batch;
    }

    void add(T item) {
        if (pending.isEmpty()) context.runOnContext(v -> flush());
        pending.add(item);
        if (pending.size() >= MAX_BATCH) flush();
    }

    /** Publishes what is pending now (also when the home stops). */
    void flush() {
        if (pending.isEmpty()) return;
        LocalMessage message = batch.apply(pending);
        pending = new ArrayList<>();
        bus.publish(address, message);
    }
}
