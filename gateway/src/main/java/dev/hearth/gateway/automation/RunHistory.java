package dev.hearth.gateway.automation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The last runs of each automation, newest first, and how many there were. */
final class RunHistory {
    private final int keep;
    private final Map<String, Deque<AutomationRun>> recent = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();

    RunHistory(int keep) {
        this.keep = keep;
    }

    void record(AutomationRun run) {
        Deque<AutomationRun> runs = recent.computeIfAbsent(run.automation(), k -> new ArrayDeque<>());
        runs.addFirst(run);
        if (runs.size() > keep) runs.removeLast();
        counts.merge(run.automation(), 1L, Long::sum);
    }

    List<AutomationRun> recent(String automation, int limit) {
        List<AutomationRun> out = new ArrayList<>();
        Iterator<AutomationRun> it = recent.getOrDefault(automation, new ArrayDeque<>()).iterator();
        while (it.hasNext() && out.size() < limit) out.add(it.next());
        return out;
    }

    Optional<Instant> lastTriggered(String automation) {
        Deque<AutomationRun> runs = recent.get(automation);
        return runs == null || runs.isEmpty() ? Optional.empty() : Optional.of(runs.peekFirst().at());
    }

    long count(String automation) {
        return counts.getOrDefault(automation, 0L);
    }
}
