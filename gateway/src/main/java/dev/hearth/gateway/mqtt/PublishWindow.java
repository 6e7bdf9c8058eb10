package dev.hearth.gateway.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders outgoing QoS 1 messages and bounds how many are unacknowledged at once by the broker's
 * Receive Maximum (Paho throws 32202 beyond it). When the link drops, unacknowledged messages go back
 * to the head of the queue in their original order and are sent again on the next connection.
 */
final class PublishWindow<T> {
    private final Deque<T> waiting = new ArrayDeque<>();
    private final Map<Long, T> inFlight = new LinkedHashMap<>();
    private final int capacity;
    private int limit;
    private long nextId;

    PublishWindow(int capacity) {
        this.capacity = capacity;
    }

    /** Queues an item; false if the queue is full. */
    boolean offer(T item) {
        if (waiting.size() + inFlight.size() >= capacity) return false;
        waiting.addLast(item);
        return true;
    }

    /** Opens the window for a new connection with the broker's Receive Maximum. */
    void open(int receiveMaximum) {
        limit = Math.max(1, receiveMaximum);
    }

    /** Closes the window; unacknowledged items return to the head of the queue, oldest first. */
    void close() {
        limit = 0;
        List<T> unacked = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (int i = unacked.size() - 1; i >= 0; i--) waiting.addFirst(unacked.get(i));
    }

    /** Items to send now, each with the id to pass to {@link #acknowledged}. */
    List<Map.Entry<Long, T>> takeSendable() {
        List<Map.Entry<Long, T>> out = new ArrayList<>();
        while (inFlight.size() < limit && !waiting.isEmpty()) {
            long id = nextId++;
            T item = waiting.pollFirst();
            inFlight.put(id, item);
            out.add(Map.entry(id, item));
        }
        return out;
    }

    /** Removes an acknowledged item; null if it was already requeued by {@link #close()}. */
    T acknowledged(long id) {
        return inFlight.remove(id);
    }

    /** Everything not yet acknowledged, in order, emptying the window. */
    List<T> drainAll() {
        close();
        List<T> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    int queued() {
        return waiting.size();
    }

    int inFlight() {
        return inFlight.size();
    }
}
