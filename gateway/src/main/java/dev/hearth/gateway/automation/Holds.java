package dev.hearth.gateway.automation;

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
    private final Map<String, Scheduler.Cancellable> timers = new HashMap<>();

    Holds(Scheduler scheduler, EngineJournal journal) {
        this.scheduler = scheduler;
        this.journal = journal;
    }

    private static String key(TriggerIndex.Armed a) {
        return "hold:" + a.key();
    }

    /** Starts (or restarts) the hold of {@code a}; {@code due} runs when it held for {@code holdFor}. */
    void start(TriggerIndex.Armed a, Duration holdFor, Runnable due) {
        String key = key(a);
        cancel(key);
        Instant until = scheduler.now().plus(holdFor);
        timers.put(key, scheduler.schedule(holdFor, () -> {
            timers.remove(key);
            journal.timerEnded(key);
            due.run();
        }));
        journal.timerStarted(new EngineJournal.PendingTimer(key, EngineJournal.PendingTimer.Kind.HOLD, a.automation().id(),
                a.triggerNumber(), until, a.trigger().describe(), a.automation().fingerprint()));
    }

    boolean pending(TriggerIndex.Armed a) {
        return timers.containsKey(key(a));
    }

    /** Cancels the hold of {@code a}; false if there was none. */
    boolean cancel(TriggerIndex.Armed a) {
        return cancel(key(a));
    }

    /** Cancels every hold of the automation: one key per trigger, so this costs its triggers, not all holds. */
    void cancelAll(Automation a) {
        for (int i = 0; i < a.triggers().size(); i++) cancel(key(new TriggerIndex.Armed(a, i, a.triggers().get(i))));
    }

    private boolean cancel(String key) {
        Scheduler.Cancellable timer = timers.remove(key);
        if (timer == null) return false;
        timer.cancel();
        journal.timerEnded(key);
        return true;
    }

    int size() {
        return timers.size();
    }
}
