package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.Facts;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.StepTexts;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.notify.Dispatch;
import dev.hearth.gateway.time.Scheduler;

import java.time.Instant;
import java.util.Map;

/** What a run ({@link RunExecution}) needs from the engine: the clock, the state, its outputs and its journal. */
interface RunHost {
    Scheduler scheduler();

    Facts facts(Expr.Variables variables);

    void command(String automation, DeviceId device, Map<String, Value> set);

    /** The devices known now, for a command to a room, kind or group. */
    java.util.Collection<dev.hearth.gateway.device.DeviceSpec> devices();

    void publish(String automation, Action.Publish publish, String payload);

    /** A notification or HTTP call for the notify feature, which delivers it off the home's loop. */
    void dispatch(Dispatch dispatch);

    boolean setEnabled(String automation, boolean enabled);

    void log(String automation, Action.Level level, String message);

    void waitFor(WaitStep wait);

    void stopWaiting(WaitStep wait);

    /**
     * The run is suspended in a delay or wait (index of a top-level delay, else -1) until {@code due}: persisted so
     * that a restart resumes it or reports it interrupted, never drops it silently.
     */
    void delayStarted(RunExecution run, int index, Instant due, EngineJournal.PendingTimer.Kind kind);

    void delayEnded(RunExecution run);

    void finished(RunExecution run, AutomationRun trace);

    /** Texts of command steps, shared between runs that sent the same values. */
    StepTexts stepTexts();
}
