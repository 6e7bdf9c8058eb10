package dev.hearth.gateway.home;

import dev.hearth.gateway.message.InboundMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which inbound messages are state and which are events. A retained message is state to restore: applied at once,
 * also before triggers arm. Any other message is an event that happened: one the broker queued in the gateway's
 * persistent session while it was down, or redelivered after a crash, is held (unacknowledged, so a crash now
 * loses nothing) until triggers arm and then runs, in arrival order, after the restore; an event that comes while
 * held ones still wait to run queues behind them. A retained copy of a topic that had an event since the connection
 * came up is stale (the broker sends it on subscribing, after the session's queue, and it is at most as new as the
 * events queued for the topic): it is skipped, so it never overwrites them.
 * <p>
 * Held QoS 1 and 2 events are bounded by the broker link: they are acknowledged only once run, and the link hands over
 * only so many unacknowledged messages, whatever the broker sends ({@code mqtt.InboundWindow}). QoS 0 has no window: a device
 * reporting at QoS 0 (Zigbee2MQTT's default), a light echoing commands replayed from the outbox, or a broker with
 * {@code queue_qos0_messages} sends them as fast as it likes. At most {@link #MAX_HELD_AT_MOST_ONCE} of them are held;
 * beyond that one is dropped (QoS 0 promises at most once), preferably one a newer held message of its topic
 * supersedes, so each topic's newest report survives. Plain Java, on the home's thread.
 */
final class StartupRule {
    /** As many as the receive maximum the link announces. */
    static final int MAX_HELD_AT_MOST_ONCE = 100;

    /** What to do with one inbound message. */
    enum Verdict {
        APPLY, HOLD, SKIP_STALE
    }

    private record Held(InboundMessage message, long seq) {
    }

    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /** The arrival number of the newest held message of each topic. */
    private final Map<String, Long> newestOfTopic = new HashMap<>();
    /** Topics that had an event since the connection came up, until its retained copies have all arrived. */
    private final Set<String> eventTopics = new HashSet<>();
    private long arrivals;
    private int heldAtMostOnce;
    private long droppedAtMostOnce;

    /** {@code armed}: the triggers are armed (held events may still be waiting to run: new ones queue behind them). */
    Verdict admit(InboundMessage m, boolean armed) {
        if (m.retained()) return eventTopics.contains(m.topic()) ? Verdict.SKIP_STALE : Verdict.APPLY;
        eventTopics.add(m.topic());
        if (armed && held.isEmpty()) return Verdict.APPLY;
        hold(m);
        return Verdict.HOLD;
    }

    /** The oldest held events, at most {@code max}, in arrival order; they are no longer held. */
    List<InboundMessage> next(int max) {
        List<InboundMessage> events = new ArrayList<>(Math.min(max, held.size()));
        while (events.size() < max && !held.isEmpty()) {
            Held h = held.poll();
            forget(h);
            events.add(h.message());
        }
        return events;
    }

    /** How many events wait to run. */
    int holding() {
        return held.size();
    }

    /** QoS 0 events dropped so far because too many were held; the count starts again at 0. */
    long takeDropped() {
        long n = droppedAtMostOnce;
        droppedAtMostOnce = 0;
        return n;
    }

    /** The connection's retained messages have all arrived, or it went down: no retained copy is stale any more. */
    void retainedDone() {
        eventTopics.clear();
    }

    private void hold(InboundMessage m) {
        long seq = arrivals++;
        held.add(new Held(m, seq));
        newestOfTopic.put(m.topic(), seq);
        if (m.qos() == 0 && ++heldAtMostOnce > MAX_HELD_AT_MOST_ONCE) dropOneAtMostOnce();
    }

    /** Drops the oldest superseded QoS 0 event, or else the oldest QoS 0 event. */
    private void dropOneAtMostOnce() {
        Iterator<Held> oldestFirst = held.iterator();
        Held victim = null;
        while (oldestFirst.hasNext()) {
            Held h = oldestFirst.next();
            if (h.message().qos() != 0) continue;
            if (victim == null) victim = h;
            if (newestOfTopic.get(h.message().topic()) > h.seq()) {
                victim = h;
                break;
            }
        }
        held.remove(victim);
        forget(victim);
        droppedAtMostOnce++;
    }

    private void forget(Held h) {
        if (h.message().qos() == 0) heldAtMostOnce--;
        newestOfTopic.remove(h.message().topic(), h.seq());
    }
}
