package dev.hearth.gateway.home;

import dev.hearth.gateway.message.InboundMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which inbound messages are state and which are events. A retained message is state to restore: applied at once,
 * also before triggers arm. Any other message is an event that happened: one the broker queued in the gateway's
 * persistent session while it was down, or redelivered after a crash, is held (unacknowledged, so a crash now
 * loses nothing) until triggers arm and then runs, in arrival order, after the restore. A retained copy of a topic
 * that had an event since the connection came up is stale (the broker sends it on subscribing, after the session's
 * queue, and it is at most as new as the events queued for the topic): it is skipped, so it never overwrites them.
 * Plain Java, on the home's thread.
 */
final class StartupRule {
    /** What to do with one inbound message. */
    enum Verdict {
        APPLY, HOLD, SKIP_STALE
    }

    private final List<InboundMessage> held = new ArrayList<>();
    /** Topics that had an event since the connection came up, until its retained copies have all arrived. */
    private final Set<String> eventTopics = new HashSet<>();

    Verdict admit(InboundMessage m, boolean armed) {
        if (m.retained()) return eventTopics.contains(m.topic()) ? Verdict.SKIP_STALE : Verdict.APPLY;
        eventTopics.add(m.topic());
        if (armed) return Verdict.APPLY;
        held.add(m);
        return Verdict.HOLD;
    }

    /** The events held until triggers armed, in arrival order; the rule holds none afterwards. */
    List<InboundMessage> release() {
        List<InboundMessage> events = List.copyOf(held);
        held.clear();
        return events;
    }

    /** The connection's retained messages have all arrived, or it went down: no retained copy is stale any more. */
    void retainedDone() {
        eventTopics.clear();
    }
}
