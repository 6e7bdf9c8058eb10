package dev.hearth.gateway.automation.trace;


import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The traces of each automation not yet written, at most {@code kept} of each (older ones would be pruned by the
 * database as soon as they were written), and which automations' old rows are due for pruning. Not thread-safe:
 * the core's event loop owns it.
 */
final class UnsavedTraces {
    private final int kept;
    private final Map<String, ArrayDeque<AutomationRun>> byAutomation = new LinkedHashMap<>();
    /** Rows written per automation since its old ones were last pruned. */
    private final Map<String, Integer> writtenSincePrune = new HashMap<>();

    UnsavedTraces(int kept) {
        this.kept = kept;
    }

    /** What one save writes: the runs, each automation's oldest first, and the automations to prune after them. */
    record Taken(List<AutomationRun> runs, Set<String> prune) {
    }

    void add(AutomationRun run) {
        ArrayDeque<AutomationRun> runs = byAutomation.computeIfAbsent(run.automation(), k -> new ArrayDeque<>());
        if (runs.size() == kept) runs.removeFirst();
        runs.addLast(run);
    }

    /**
     * Empties the buffer. An automation is pruned once {@code kept} rows were written since its last prune: the
     * database then holds at most about twice what readers take (they read the newest {@code kept}), and a busy
     * automation costs one prune per save, a quiet one none.
     */
    Taken take() {
        if (byAutomation.isEmpty()) return new Taken(List.of(), Set.of());
        List<AutomationRun> runs = new ArrayList<>();
        Set<String> prune = new LinkedHashSet<>();
        for (Map.Entry<String, ArrayDeque<AutomationRun>> e : byAutomation.entrySet()) {
            runs.addAll(e.getValue());
            int written = writtenSincePrune.merge(e.getKey(), e.getValue().size(), Integer::sum);
            if (written >= kept) {
                prune.add(e.getKey());
                writtenSincePrune.remove(e.getKey());
            }
        }
        byAutomation.clear();
        return new Taken(runs, prune);
    }

    boolean isEmpty() {
        return byAutomation.isEmpty();
    }
}
