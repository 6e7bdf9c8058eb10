package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The in-process path into one outbox. Called on the outbox's event loop, a publication is queued (and
 * usually handed to the broker) before the call returns; from any other thread it hops there, in call order.
 * An inbound message is acknowledged once everything submitted before its {@link #handled} is safe
 * (committed or acknowledged by the broker): at-least-once from sensor to device. Acknowledgements go out in the order
 * the messages {@link #arrived}, as MQTT requires (v5 4.6): an event held until automations arm is handled after
 * retained messages that came behind it, and holds their PUBACKs back until its own. What comes while the outbox
 * still reads what a previous run left waits for it, in order. Create it on the outbox's event loop.
 */
final class InProcessPath implements CommandPath {
    private final Context context;
    private final Thread loop = Thread.currentThread();
    private final Outbox outbox;
    private final LongConsumer acknowledge;
    /** Publications and acknowledgements that came while the outbox was still starting, in order; on the loop only. */
    private final List<Runnable> beforeStart = new ArrayList<>();
    /** Tokens of the connection's unacknowledged messages in arrival order, true once safe to acknowledge; on the loop only. */
    private final LinkedHashMap<Long, Boolean> unacknowledged = new LinkedHashMap<>();
    private boolean started;

    /** {@code acknowledge} sends the broker its PUBACK for a token, on the outbox's event loop. */
    InProcessPath(Context context, Outbox outbox, LongConsumer acknowledge) {
        this.context = context;
        this.outbox = outbox;
        this.acknowledge = acknowledge;
    }

    /** The outbox has started: what waited for it goes in, in the order it came. Call on the outbox's loop. */
    void started() {
        started = true;
        beforeStart.forEach(Runnable::run);
        beforeStart.clear();
    }

    @Override
    public Future<Void> publish(Publication publication) {
        if (Thread.currentThread() == loop) return submit(publication);
        Promise<Void> delivered = Promise.promise();
        context.runOnContext(v -> submit(publication).onComplete(delivered));
        return delivered.future();
    }

    @Override
    public void handled(long ackToken) {
        onLoop(() -> acknowledgeWhenSafe(ackToken));
    }

    /**
     * An inbound message with {@code ackToken} has arrived: its acknowledgement goes out after those of the messages
     * before it. Call in arrival order (Paho's callback thread), before the message is handed on.
     */
    void arrived(long ackToken) {
        onLoop(() -> unacknowledged.put(ackToken, false));
    }

    /**
     * The connection is gone: its messages will come again on the resumed session and their acknowledgements are
     * void, so they no longer hold back anything.
     */
    void connectionLost() {
        onLoop(unacknowledged::clear);
    }

    private void onLoop(Runnable task) {
        if (Thread.currentThread() == loop) task.run();
        else context.runOnContext(v -> task.run());
    }

    private Future<Void> submit(Publication publication) {
        if (started) return outbox.submit(publication).delivered();
        Promise<Void> delivered = Promise.promise();
        beforeStart.add(() -> outbox.submit(publication).delivered().onComplete(delivered));
        return delivered.future();
    }

    /** The broker gets its PUBACK once everything submitted so far (the message's commands among it) is safe. */
    private void acknowledgeWhenSafe(long ackToken) {
        if (!started) {
            beforeStart.add(() -> acknowledgeWhenSafe(ackToken));
            return;
        }
        outbox.committedSoFar().onComplete(r -> safe(ackToken));
    }

    /** Acknowledges {@code ackToken} and every later one already safe, once all that arrived before it are. */
    private void safe(long ackToken) {
        if (unacknowledged.replace(ackToken, true) == null) {
            acknowledge.accept(ackToken); // of a connection that is gone, or not reported as arrived: nothing to keep in order
            return;
        }
        for (Iterator<Map.Entry<Long, Boolean>> first = unacknowledged.entrySet().iterator(); first.hasNext(); ) {
            Map.Entry<Long, Boolean> next = first.next();
            if (!next.getValue()) return;
            first.remove();
            acknowledge.accept(next.getKey());
        }
    }
}
