package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.Facts;
import dev.hearth.gateway.automation.model.StateView;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.StepTexts;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.notify.Dispatch;
import dev.hearth.gateway.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * What a run sees and does, for the engine: the state and the clock, its commands and publications handed to the
 * engine's outputs, its waits offered events, and its delays journalled so that a restart resumes them.
 */
final class EngineRunHost implements RunHost {
    private static final Logger log = LoggerFactory.getLogger("hearth.automation");

    private final Scheduler scheduler;
    private final Triggering triggering;
    private final StateView states;
    private final SunClock sun;
    private final AutomationEngine.Outputs out;
    private final BiPredicate<String, Boolean> setEnabled;
    private final BiConsumer<RunExecution, AutomationRun> finished;
    private final StepTexts stepTexts = new StepTexts();
    private final Map<RunExecution, String> delays = new HashMap<>();

    EngineRunHost(Scheduler scheduler, Triggering triggering, StateView states, SunClock sun, AutomationEngine.Outputs out,
            BiPredicate<String, Boolean> setEnabled, BiConsumer<RunExecution, AutomationRun> finished) {
        this.scheduler = scheduler;
        this.triggering = triggering;
        this.states = states;
        this.sun = sun;
        this.out = out;
        this.setEnabled = setEnabled;
        this.finished = finished;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public StepTexts stepTexts() {
        return stepTexts;
    }

    @Override
    public Facts facts(Expr.Variables run) {
        return new RunFacts(states, scheduler, sun, run);
    }

    @Override
    public void command(String automation, DeviceId device, Map<String, Value> set) {
        out.commands().accept(new CommandRequested(device, set, automation));
    }

    @Override
    public java.util.Collection<dev.hearth.gateway.device.DeviceSpec> devices() {
        return states.devices();
    }

    @Override
    public void publish(String automation, Action.Publish p, String payload) {
        out.publications().accept(new Publication(p.topic(), payload.getBytes(StandardCharsets.UTF_8), p.qos(), p.retain()));
    }

    @Override
    public void dispatch(Dispatch dispatch) {
        out.dispatches().accept(dispatch);
    }

    @Override
    public boolean setEnabled(String automation, boolean enabled) {
        return setEnabled.test(automation, enabled);
    }

    @Override
    public void log(String automation, Action.Level level, String message) {
        if (level == Action.Level.WARN) log.warn("{}: {}", automation, message);
        else log.info("{}: {}", automation, message);
    }

    @Override
    public void waitFor(WaitStep wait) {
        triggering.waitFor(wait);
    }

    @Override
    public void stopWaiting(WaitStep wait) {
        triggering.stopWaiting(wait);
    }

    @Override
    public void delayStarted(RunExecution run, int index, Instant due, EngineJournal.PendingTimer.Kind kind) {
        String key = "delay:" + run.automation().id() + ":" + run.id();
        delays.put(run, key);
        out.journal().timerStarted(new EngineJournal.PendingTimer(key, kind, run.automation().id(),
                index, due, run.trigger(), run.automation().fingerprint()));
    }

    @Override
    public void delayEnded(RunExecution run) {
        String key = delays.remove(run);
        if (key != null) out.journal().timerEnded(key);
    }

    @Override
    public void finished(RunExecution run, AutomationRun trace) {
        delayEnded(run);
        finished.accept(run, trace);
    }
}
