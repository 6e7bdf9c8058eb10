package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Runs paused in a {@code wait} for a trigger or a condition; every event is offered to them first. */
final class Waiters {
    private final List<WaitStep> waiting = new ArrayList<>();

    void add(WaitStep wait) {
        waiting.add(wait);
    }

    void remove(WaitStep wait) {
        waiting.remove(wait);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /**
     * Resumes each wait whose trigger {@code fires} (or whose condition now holds, with the facts of its run).
     * A wait resumed may end others (a run cancelled in a restart), so each is checked only while still waiting.
     */
    void offer(Predicate<Trigger> fires) {
        if (waiting.isEmpty()) return;
        for (WaitStep w : List.copyOf(waiting)) {
            if (!waiting.contains(w)) continue;
            boolean ok = w.trigger().map(fires::test).orElseGet(w::conditionHolds);
            if (ok) {
                waiting.remove(w);
                w.satisfied();
            }
        }
    }
}
