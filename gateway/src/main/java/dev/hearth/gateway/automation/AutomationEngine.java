package dev.hearth.gateway.automation;

import dev.hearth.gateway.device.CommandRequested;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.time.Scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs automations against device state changes. Pure and single-threaded: the caller delivers changes
 * and scheduler callbacks on one thread, and receives commands and run records through the consumers.
 */
public final class AutomationEngine {
    /** Runs kept per automation. */
    public static final int RECENT_RUNS = 20;

    private final TriggerIndex index;
    private final StateView states;
    private final Scheduler scheduler;
    private final Consumer<CommandRequested> commands;
    private final Consumer<AutomationRun> runs;
    private final Map<TriggerIndex.Armed, Scheduler.Cancellable> holding = new HashMap<>();
    private final Map<String, Automation> byId = new LinkedHashMap<>();
    private final Set<String> disabled = new HashSet<>();
    private final RunHistory history = new RunHistory(RECENT_RUNS);

    public AutomationEngine(List<Automation> automations, StateView states, Scheduler scheduler,
                            Consumer<CommandRequested> commands, Consumer<AutomationRun> runs) {
        this.index = new TriggerIndex(automations);
        automations.forEach(a -> {
            byId.put(a.id(), a);
            if (!a.enabled()) disabled.add(a.id());
        });
        this.states = states;
        this.scheduler = scheduler;
        this.commands = commands;
        this.runs = runs;
    }

    public void onStateChanged(StateChanged change) {
        for (TriggerIndex.Armed armed : index.watching(new AttributeRef(change.device(), change.attribute()))) {
            Trigger trigger = armed.trigger();
            if (disabled.contains(armed.automation().id())) continue;
            if (!trigger.holds(change.value())) {
                cancelHold(armed);
            } else if (trigger.firesOn(change)) {
                fireOrHold(armed);
            }
        }
    }

    /** Enables or disables an automation; false if there is no such automation. */
    public boolean setEnabled(String id, boolean enabled) {
        if (!byId.containsKey(id)) return false;
        if (enabled) {
            disabled.remove(id);
        } else {
            disabled.add(id);
            holding.entrySet().removeIf(e -> {
                boolean mine = e.getKey().automation().id().equals(id);
                if (mine) e.getValue().cancel();
                return mine;
            });
        }
        return true;
    }

    /** Runs conditions and actions now, as if the first trigger fired; false if there is no such automation. */
    public boolean triggerNow(String id) {
        Automation a = byId.get(id);
        if (a == null) return false;
        run(new TriggerIndex.Armed(a, 0, a.triggers().get(0)), "manual trigger");
        return true;
    }

    public List<AutomationQuery.Info> list() {
        return byId.values().stream().map(a -> new AutomationQuery.Info(a.id(), a.description(), !disabled.contains(a.id()),
                a.source(), history.lastTriggered(a.id()), history.count(a.id()))).toList();
    }

    public List<AutomationRun> recentRuns(String id, int limit) {
        return history.recent(id, limit);
    }

    /** Pending {@code for:} holds, for tests and status. */
    public int pendingHolds() {
        return holding.size();
    }

    private void fireOrHold(TriggerIndex.Armed armed) {
        if (armed.trigger().holdFor().isZero()) {
            run(armed, armed.trigger().describe());
            return;
        }
        cancelHold(armed);
        holding.put(armed, scheduler.schedule(armed.trigger().holdFor(), () -> {
            holding.remove(armed);
            run(armed, armed.trigger().describe());
        }));
    }

    private void cancelHold(TriggerIndex.Armed armed) {
        Scheduler.Cancellable pending = holding.remove(armed);
        if (pending != null) pending.cancel();
    }

    private void run(TriggerIndex.Armed armed, String trigger) {
        Automation a = armed.automation();
        List<String> details = new ArrayList<>();
        for (Condition c : a.conditions()) {
            boolean passed = c.test(states);
            details.add((passed ? "passed: " : "failed: ") + c.describe(states));
            if (!passed) {
                report(new AutomationRun(a.id(), scheduler.now(), trigger, AutomationRun.Outcome.CONDITION_FAILED, details));
                return;
            }
        }
        for (Action action : a.actions()) {
            if (action instanceof Action.Command command) {
                commands.accept(new CommandRequested(command.device(), command.set(), a.id()));
                details.add("command " + command.device() + " " + command.set());
            }
        }
        report(new AutomationRun(a.id(), scheduler.now(), trigger, AutomationRun.Outcome.RAN, details));
    }

    private void report(AutomationRun run) {
        history.record(run);
        runs.accept(run);
    }
}
