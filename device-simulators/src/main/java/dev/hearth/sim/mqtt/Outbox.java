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

    Outbox(int capacity) {
        this.queue = new LinkedBlockingDeque<>(capacity);
    }

    void add(Outgoing message) {
        while (!queue.offerLast(message)) {
            if (queue.pollFirst() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    Outgoing poll(long millis) throws InterruptedException {
        return queue.pollFirst(millis, TimeUnit.MILLISECONDS);
    }

    /** Puts a message back at the head, e.g. when the connection went away before it was sent. */
    void returnFirst(Outgoing message) {
        if (!queue.offerFirst(message)) {
            dropped.incrementAndGet();
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
