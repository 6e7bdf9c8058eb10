package dev.hearth.gateway.notify;

import dev.hearth.gateway.automation.trace.AutomationRun;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A dispatch waiting for delivery: its attempts so far, each a step of its trace. Owned by {@link Deliveries}' thread. */
final class Pending {
    final long id;
    final Dispatch dispatch;
    final Instant queued;
    final Instant expires;
    final List<AutomationRun.Step> steps;

    Pending(long id, Dispatch dispatch, Instant queued, Instant expires, List<AutomationRun.Step> steps) {
        this.id = id;
        this.dispatch = dispatch;
        this.queued = queued;
        this.expires = expires;
        this.steps = new ArrayList<>(steps);
    }

    int attempts() {
        return steps.size();
    }
}
