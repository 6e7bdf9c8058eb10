package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The pending {@code for:} holds: a trigger matched and must keep matching until its timer ends. Each is journalled
 * so that a restart resumes it. At most one per trigger, keyed by the trigger.
 */
final class Holds {
    private final Scheduler scheduler;
    private final EngineJournal journal;
    /**
     * Keyed by automation id and trigger number: a watched sensor's every change looks its holds up, and building the
     * journal's text key for each lookup was most of that cost. The text key is built when a hold starts.
     */
    private final Map<TriggerRef, Pending> timers = new HashMap<>();

    private record TriggerRef(String automation, int trigger) {
        static TriggerRef of(TriggerIndex.Armed a) {
            return new TriggerRef(a.automation().id(), a.triggerNumber());
        }
    }

    private record Pending(String key, Scheduler.Cancellable timer) {
    }

    Holds(Scheduler scheduler, EngineJournal journal) {
        this.scheduler = scheduler;
        this.journal = journal;
    }

    private static String key(TriggerIndex.Armed a) {
        return "hold:" + a.key();
    }

    /** Starts (or restarts) the hold of {@code a}; {@code due} runs when it held for {@code holdFor}. */
    void start(TriggerIndex.Armed a, Duration holdFor, Runnable due) {
        TriggerRef ref = TriggerRef.of(a);
        cancel(ref);
        String key = key(a);
        Instant until = scheduler.now().plus(holdFor);
        timers.put(ref, new Pending(key, scheduler.schedule(holdFor, () -> {
            timers.remove(ref);
            journal.timerEnded(key);
            due.run();
        })));
        journal.timerStarted(new EngineJournal.PendingTimer(key, EngineJournal.PendingTimer.Kind.HOLD, a.automation().id(),
                a.triggerNumber(), until, a.description(), a.automation().fingerprint()));
    }

    boolean pending(TriggerIndex.Armed a) {
        return timers.containsKey(TriggerRef.of(a));
    }

    /** Cancels the hold of {@code a}; false if there was none. */
    boolean cancel(TriggerIndex.Armed a) {
        return cancel(TriggerRef.of(a));
    }

    /** Cancels every hold of the automation: one key per trigger, so this costs its triggers, not all holds. */
    void cancelAll(Automation a) {
        for (int i = 0; i < a.triggers().size(); i++) cancel(new TriggerRef(a.id(), i));
    }

    private boolean cancel(TriggerRef ref) {
        Pending pending = timers.remove(ref);
        if (pending == null) return false;
        pending.timer().cancel();
        journal.timerEnded(pending.key());
        return true;
    }

    int size() {
        return timers.size();
    }
}
