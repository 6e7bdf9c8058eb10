package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Time, cron, sun and interval triggers: each armed trigger has one timer to its next moment. When armed after a
 * stop, the moments the gateway missed are handled by the automation's {@code on_missed} policy.
 */
final class ClockTriggers {
    /** Enough to cover a year of minutely cron moments missed while the gateway was down. */
    private static final int MAX_MISSED = 10_000;

    private final Scheduler scheduler;
    private final SunClock sun;
    private final EngineJournal journal;
    private final Firing firing;
    private final Map<String, Scheduler.Cancellable> timers = new HashMap<>();

    ClockTriggers(Scheduler scheduler, SunClock sun, EngineJournal journal, Firing firing) {
        this.scheduler = scheduler;
        this.sun = sun;
        this.journal = journal;
        this.firing = firing;
    }

    /** Arms {@code a}; {@code checked} is when it was last checked before a restart (empty when newly loaded). */
    void arm(TriggerIndex.Armed a, Optional<Instant> checked) {
        Trigger.Scheduled t = (Trigger.Scheduled) a.trigger();
        Instant now = scheduler.now();
        if (checked.isPresent() && t.missable()) missed(a, t, checked.get(), now);
        journal.clockFired(a.key(), now);
        schedule(a, now);
    }

    /** Stops every clock trigger of the automation. */
    void cancelAll(Automation a) {
        for (int i = 0; i < a.triggers().size(); i++) {
            Scheduler.Cancellable c = timers.remove(a.id() + "#" + i);
            if (c != null) c.cancel();
        }
    }

    /** The latest moment between {@code checked} and now that the gateway was not up to see, handled per on_missed. */
    private void missed(TriggerIndex.Armed a, Trigger.Scheduled t, Instant checked, Instant now) {
        Optional<Instant> latest = Optional.empty();
        Optional<Instant> next = next(t, checked);
        for (int i = 0; i < MAX_MISSED && next.isPresent() && !next.get().isAfter(now); i++) {
            latest = next;
            next = next(t, next.get());
        }
        if (latest.isEmpty()) return;
        Automation.Missed policy = a.automation().onMissed();
        String what = t.describe() + " at " + latest.get() + " passed while the gateway was down";
        if (policy.run() && !latest.get().plus(policy.grace()).isBefore(now)) {
            firing.fire(a, what + "; run late (on_missed: run)", Map.of("kind", "missed", "at", latest.get().toString()));
        } else {
            firing.nearMiss(a.automation().id(), t.describe(), AutomationRun.Outcome.MISSED,
                    what + (policy.run() ? "; later than the grace of " + policy.grace() + ", skipped" : "; skipped (on_missed: skip)"));
        }
    }

    private Optional<Instant> next(Trigger.Scheduled t, Instant after) {
        return t.next(after, scheduler.zone(), sun);
    }

    private void schedule(TriggerIndex.Armed a, Instant after) {
        Optional<Instant> next = next((Trigger.Scheduled) a.trigger(), after);
        if (next.isEmpty()) return;
        timers.put(a.key(), scheduler.schedule(Duration.between(scheduler.now(), next.get()), () -> {
            journal.clockFired(a.key(), next.get());
            firing.fire(a, a.description(), Map.of("kind", "clock", "at", next.get().toString()));
            schedule(a, next.get());
        }));
    }
}
