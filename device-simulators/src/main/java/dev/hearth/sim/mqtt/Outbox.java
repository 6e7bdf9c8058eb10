package dev.hearth.sim.mqtt;

import java.util.Collection;
import java.util.Comparator;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded in-memory queue of messages not yet handed to Paho. When full the oldest message
 * is dropped: a simulated device's newest state is worth more than its history.
 */
final class Outbox {
    private final LinkedBlockingDeque<Outgoing> queue;
    private final AtomicLong dropped = new AtomicLong();
    // Accepted by publish() and not yet acknowledged or dropped, wherever it is (queue, sender, Paho).
    private final java.util.concurrent.atomic.AtomicInteger unsettled = new java.util.concurrent.atomic.AtomicInteger();

    Outbox(int capacity) {
        this.queue = new LinkedBlockingDeque<>(capacity);
    }

    void add(Outgoing message) {
        unsettled.incrementAndGet();
        while (!queue.offerLast(message)) {
            if (queue.pollFirst() != null) {
                drop();
            }
        }
    }

    /** The broker acknowledged the message (or refused it for good). */
    void settle() {
        unsettled.decrementAndGet();
    }

    int unsettled() {
        return unsettled.get();
    }

    private void drop() {
        dropped.incrementAndGet();
        unsettled.decrementAndGet();
    }

    Outgoing poll(long millis) throws InterruptedException {
        return queue.pollFirst(millis, TimeUnit.MILLISECONDS);
    }

    /** Puts a message back at the head, e.g. when the connection went away before it was sent. */
    void returnFirst(Outgoing message) {
        if (!queue.offerFirst(message)) {
            drop();
        }
    }

    /** Returns unacknowledged messages of a lost connection to the head, in their original order. */
    void requeue(Collection<Outgoing> unacknowledged) {
        unacknowledged.stream()
                .sorted(Comparator.comparingLong(Outgoing::seq).reversed())
                .forEach(this::returnFirst);
    }

    int size() {
        return queue.size();
    }

    long dropped() {
        return dropped.get();
    }
}
