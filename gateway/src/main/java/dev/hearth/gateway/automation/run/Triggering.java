package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.StateView;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.automation.model.TriggerEvent;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * From events to runs: offers each event to the runs waiting in a {@code wait} and to the triggers filed under its
 * key, keeps the {@code for:} holds and arms the clock. What a trigger makes of an event is its own kind's business
 * ({@link Trigger#react}); this class only acts on the answer.
 */
final class Triggering {
    /** Why a trigger that matched before arming was dropped. */
    static final String BARRIER = "the trigger matched before triggers were armed (start-up barrier)";

    private final Firing firing;
    private final Predicate<String> disabled;
    private final Holds holds;
    private final ClockTriggers clocks;
    /** For triggers that look beyond their event ({@link Trigger#admits}). */
    private final StateView states;
    private final Waiters waiters = new Waiters();
    private TriggerIndex index;
    private boolean armed;

    Triggering(Scheduler scheduler, SunClock sun, EngineJournal journal, Firing firing, Predicate<String> disabled, StateView states) {
        this.firing = firing;
        this.states = states;
        this.disabled = disabled;
        this.holds = new Holds(scheduler, journal);
        this.clocks = new ClockTriggers(scheduler, sun, journal, firing);
    }

    void index(Iterable<Automation> automations) {
        index = new TriggerIndex(automations);
    }

    boolean armed() {
        return armed;
    }

    /**
     * Ends the start-up barrier: {@code restore} brings back what was pending at the last stop, then clock triggers are
     * armed (missed moments handled per on_missed) and silences counted from now.
     */
    void arm(Runnable restore, Map<String, Instant> clockChecked) {
        armed = true;
        restore.run();
        arm(a -> true, a -> Optional.ofNullable(clockChecked.get(a.key())));
    }

    /** After a reload: arms the triggers of the automations that are new or changed. */
    void armNew(Set<String> automations) {
        if (armed) arm(a -> automations.contains(a.automation().id()), a -> Optional.empty());
    }

    /**
     * Clock triggers get their timers first; then a trigger that arming counts for (a silence) starts its hold, unless
     * one was restored.
     */
    private void arm(Predicate<TriggerIndex.Armed> which, Function<TriggerIndex.Armed, Optional<Instant>> checked) {
        for (TriggerIndex.Armed a : index.all()) {
            if (a.trigger() instanceof Trigger.Scheduled && which.test(a)) clocks.arm(a, checked.apply(a));
        }
        for (TriggerIndex.Armed a : index.all()) {
            if (!which.test(a)) continue;
            a.trigger().atArming().ifPresent(e -> {
                if (!holds.pending(a)) hold(a, a.trigger().holdFor(), e.data());
            });
        }
    }

    /** Offers an event to the waiting runs, then to the triggers filed under its key. */
    void offer(TriggerEvent event) {
        waiters.offer(t -> t.ends(event));
        offerToTriggers(event);
    }

    /** Offers an event to the triggers only: a device heard (which waits do not watch), once armed. */
    void offerToTriggers(TriggerEvent event) {
        // The trigger's data only once something fires: most changes (a sensor's reading) fire nothing.
        Map<String, Object> data = null;
        List<TriggerIndex.Armed> filed = index.filed(event.key());
        for (int i = 0; i < filed.size(); i++) { // by index: no iterator per event (the lists are ArrayLists)
            TriggerIndex.Armed a = filed.get(i);
            switch (a.trigger().react(event)) {
                case FIRE -> {
                    if (!a.trigger().admits(states)) continue;
                    if (data == null) data = event.data();
                    fireOrHold(a, a.trigger().holdFor(), data);
                }
                case INTERRUPT -> interruptHold(a, event);
                case RESTART -> {
                    if (!disabled.test(a.automation().id())) hold(a, a.trigger().holdFor(), event.data());
                }
                case NONE -> {
                }
            }
        }
    }

    /** Whether any trigger or waiting run is filed under {@code key}, before an event is made for it. */
    boolean watched(Object key) {
        return !index.filed(key).isEmpty() || !waiters.isEmpty();
    }

    /** A hold pending when the gateway stopped: resumed if its state still holds, else traced as interrupted. */
    void restoreHold(EngineJournal.PendingTimer t, Automation a, StateView states, Instant now) {
        TriggerIndex.Armed armed = TriggerIndex.Armed.of(a, t.position());
        Optional<String> broken = armed.trigger().stillHolds(states);
        if (broken.isPresent()) {
            firing.nearMiss(a.id(), t.trigger(), AutomationRun.Outcome.FOR_INTERRUPTED, "interrupted while the gateway was down: " + broken.get());
        } else {
            Duration left = Duration.between(now, t.due());
            hold(armed, left.isNegative() ? Duration.ZERO : left, Map.of("kind", "restored"));
        }
    }

    private void fireOrHold(TriggerIndex.Armed a, Duration holdFor, Map<String, Object> data) {
        if (holdFor.isZero()) firing.fire(a, a.description(), data);
        else if (!armed) firing.nearMiss(a.automation().id(), a.description(), AutomationRun.Outcome.DROPPED_AT_STARTUP, BARRIER);
        else if (!disabled.test(a.automation().id())) hold(a, holdFor, data);
    }

    /** The run it starts sees {@code trigger.for}: how long the state held (the trigger's {@code for:}), as written. */
    private void hold(TriggerIndex.Armed a, Duration holdFor, Map<String, Object> data) {
        Map<String, Object> held = new java.util.HashMap<>(data);
        held.put("for", dev.hearth.gateway.yaml.Durations.format(a.trigger().holdFor()));
        holds.start(a, holdFor, () -> {
            if (a.trigger().admits(states)) firing.fire(a, a.description(), held);
        });
    }

    /** The reason is built only when a hold is interrupted: most changes of a watched sensor interrupt nothing. */
    private void interruptHold(TriggerIndex.Armed a, TriggerEvent event) {
        if (holds.cancel(a)) {
            firing.nearMiss(a.automation().id(), a.description(), AutomationRun.Outcome.FOR_INTERRUPTED, "interrupted by " + event.interruption());
        }
    }

    /** Stops the automation's holds (disabled, reloaded); {@code andClocks} stops its clock triggers too (reloaded). */
    void stop(Automation a, boolean andClocks) {
        holds.cancelAll(a);
        if (andClocks) clocks.cancelAll(a);
    }

    int pendingHolds() {
        return holds.size();
    }

    void waitFor(WaitStep wait) {
        waiters.add(wait);
    }

    void stopWaiting(WaitStep wait) {
        waiters.remove(wait);
    }
}
