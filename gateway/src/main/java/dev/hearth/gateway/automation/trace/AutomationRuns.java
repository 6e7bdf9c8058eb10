package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.List;

/**
 * Traces (runs and near misses) in the order the engine reported them: the body of {@code hearth.automation.run}.
 * One message per burst rather than per run, because each message costs every subscriber a hop to its event loop.
 */
public record AutomationRuns(List<AutomationRun> runs) implements LocalMessage {
    public AutomationRuns {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs");
    }

    public static AutomationRuns of(AutomationRun... runs) {
        return new AutomationRuns(List.of(runs));
    }
}
