package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.Facts;
import dev.hearth.gateway.automation.model.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Runs paused in a {@code wait} for a trigger or a condition; every event is offered to them first. */
final class Waiters {
    private final List<RunExecution.Waiter> waiting = new ArrayList<>();

    void add(RunExecution.Waiter waiter) {
        waiting.add(waiter);
    }

    void remove(RunExecution.Waiter waiter) {
        waiting.remove(waiter);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /**
     * Resumes each waiter whose trigger {@code fires} (or whose condition now holds, with the facts of its run).
     * A waiter resumed may end others (a run cancelled in a restart), so each is checked only while still waiting.
     */
    void offer(Predicate<Trigger> fires, Function<Expr.Variables, Facts> facts) {
        if (waiting.isEmpty()) return;
        for (RunExecution.Waiter w : List.copyOf(waiting)) {
            if (!waiting.contains(w)) continue;
            boolean ok = w.action().trigger().map(fires::test)
                    .orElseGet(() -> w.action().condition().orElseThrow().check(facts.apply(w.run().runVariables())).passed());
            if (ok) {
                waiting.remove(w);
                w.satisfied().run();
            }
        }
    }
}
