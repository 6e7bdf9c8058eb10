package dev.hearth.gateway.automation.trace;

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
public final class RunHistory {
    private final int keep;
    private final Map<String, Deque<AutomationRun>> recent = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();

    public RunHistory(int keep) {
        this.keep = keep;
    }

    public void record(AutomationRun run) {
        Deque<AutomationRun> runs = recent.computeIfAbsent(run.automation(), k -> new ArrayDeque<>());
        runs.addFirst(run);
        if (runs.size() > keep) runs.removeLast();
        counts.merge(run.automation(), 1L, Long::sum);
    }

    public List<AutomationRun> recent(String automation, int limit) {
        List<AutomationRun> out = new ArrayList<>();
        Iterator<AutomationRun> it = recent.getOrDefault(automation, new ArrayDeque<>()).iterator();
        while (it.hasNext() && out.size() < limit) out.add(it.next());
        return out;
    }

    public Optional<Instant> lastTriggered(String automation) {
        Deque<AutomationRun> runs = recent.get(automation);
        return runs == null || runs.isEmpty() ? Optional.empty() : Optional.of(runs.peekFirst().at());
    }

    public long count(String automation) {
        return counts.getOrDefault(automation, 0L);
    }
}
