package dev.hearth.gateway.automation;

import dev.hearth.gateway.device.CommandRequested;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.time.Scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs automations against device state changes. Pure and single-threaded: the caller delivers changes
 * and scheduler callbacks on one thread, and receives commands and run records through the consumers.
 */
public final class AutomationEngine {
    private final TriggerIndex index;
    private final StateView states;
    private final Scheduler scheduler;
    private final Consumer<CommandRequested> commands;
    private final Consumer<AutomationRun> runs;
    private final Map<TriggerIndex.Armed, Scheduler.Cancellable> holding = new HashMap<>();

    public AutomationEngine(List<Automation> automations, StateView states, Scheduler scheduler,
                            Consumer<CommandRequested> commands, Consumer<AutomationRun> runs) {
        this.index = new TriggerIndex(automations);
        this.states = states;
        this.scheduler = scheduler;
        this.commands = commands;
        this.runs = runs;
    }

    public void onStateChanged(StateChanged change) {
        for (TriggerIndex.Armed armed : index.watching(new AttributeRef(change.device(), change.attribute()))) {
            Trigger trigger = armed.trigger();
            if (!trigger.holds(change.value())) {
                cancelHold(armed);
            } else if (trigger.firesOn(change)) {
                fireOrHold(armed);
            }
        }
    }

    /** Pending {@code for:} holds, for tests and status. */
    public int pendingHolds() {
        return holding.size();
    }

    private void fireOrHold(TriggerIndex.Armed armed) {
        if (armed.trigger().holdFor().isZero()) {
            run(armed);
            return;
        }
        cancelHold(armed);
        holding.put(armed, scheduler.schedule(armed.trigger().holdFor(), () -> {
            holding.remove(armed);
            run(armed);
        }));
    }

    private void cancelHold(TriggerIndex.Armed armed) {
        Scheduler.Cancellable pending = holding.remove(armed);
        if (pending != null) pending.cancel();
    }

    private void run(TriggerIndex.Armed armed) {
        Automation a = armed.automation();
        List<String> details = new ArrayList<>();
        for (Condition c : a.conditions()) {
            boolean passed = c.test(states);
            details.add((passed ? "passed: " : "failed: ") + c.describe(states));
            if (!passed) {
                runs.accept(new AutomationRun(a.id(), scheduler.now(), armed.trigger().describe(),
                        AutomationRun.Outcome.CONDITION_FAILED, details));
                return;
            }
        }
        for (Action action : a.actions()) {
            if (action instanceof Action.Command command) {
                commands.accept(new CommandRequested(command.device(), command.set(), a.id()));
                details.add("command " + command.device() + " " + command.set());
            }
        }
        runs.accept(new AutomationRun(a.id(), scheduler.now(), armed.trigger().describe(), AutomationRun.Outcome.RAN, details));
    }
}
