package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A run paused in a {@code wait}: it goes on when its trigger fires or its condition holds ({@link Waiters} offers
 * it every event), or when its timeout ends. Journalled like a delay, so a restart reports it interrupted.
 */
final class WaitStep {
    /** How often a {@code wait} for a condition looks again without an event. */
    static final Duration RECHECK = Duration.ofSeconds(5);

    private final RunExecution run;
    private final Action.Wait action;
    private final RunHost host;
    /** Called once, with whether the wait timed out. */
    private final Consumer<Boolean> ended;
    private Scheduler.Cancellable timeout;
    private Scheduler.Cancellable recheck;
    private boolean waiting;

    WaitStep(RunExecution run, Action.Wait action, RunHost host, Consumer<Boolean> ended) {
        this.run = run;
        this.action = action;
        this.host = host;
        this.ended = ended;
    }

    Optional<Trigger> trigger() {
        return action.trigger();
    }

    /** Whether its condition holds now, seen with the run's variables. */
    boolean conditionHolds() {
        return action.condition().orElseThrow().check(host.facts(run.runVariables())).passed();
    }

    void start(Instant at) {
        host.delayStarted(run, -1, action.timeout().map(at::plus).orElse(at), EngineJournal.PendingTimer.Kind.WAIT);
        waiting = true;
        host.waitFor(this);
        if (action.condition().isPresent()) recheckLater();
        action.timeout().ifPresent(t -> timeout = host.scheduler().schedule(t, this::timedOut));
    }

    /** Its trigger fired or its condition holds: {@link Waiters} no longer holds it. */
    void satisfied() {
        waiting = false;
        host.delayEnded(run);
        if (timeout != null) timeout.cancel();
        timeout = null;
        if (recheck != null) recheck.cancel();
        recheck = null;
        ended.accept(false);
    }

    private void timedOut() {
        timeout = null;
        if (recheck != null) recheck.cancel();
        recheck = null;
        host.stopWaiting(this);
        waiting = false;
        host.delayEnded(run);
        ended.accept(true);
    }

    /**
     * Conditions can become true with no event at all ({@code is: "off", for: 5m} just needs time to pass), so a
     * waiting condition is also checked every {@link #RECHECK}.
     */
    private void recheckLater() {
        recheck = host.scheduler().schedule(RECHECK, () -> {
            recheck = null;
            if (!waiting || run.done()) return;
            if (conditionHolds()) {
                host.stopWaiting(this);
                host.delayEnded(run);
                satisfied();
            } else {
                recheckLater();
            }
        });
    }

    /** The run was cancelled while it waited. */
    void cancel() {
        if (timeout != null) timeout.cancel();
        if (recheck != null) recheck.cancel();
        if (waiting) host.stopWaiting(this);
        waiting = false;
    }
}
