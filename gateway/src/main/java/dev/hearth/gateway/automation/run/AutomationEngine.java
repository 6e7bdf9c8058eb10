package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.AttributeRef;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.Facts;
import dev.hearth.gateway.automation.model.StateView;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.RunHistory;
import dev.hearth.gateway.automation.trace.StepTexts;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs automations against device events and the clock. Pure and single-threaded: the caller delivers events and
 * scheduler callbacks on one thread and receives commands, publications and traces through {@link Outputs}.
 * Until {@link #arm} (the start-up barrier) triggers are only traced as dropped.
 */
public final class AutomationEngine implements RunExecution.Host {
    private static final Logger log = LoggerFactory.getLogger("hearth.automation");
    /**
     * Runs kept in memory per automation (Home Assistant's default of stored traces): 50 for each of a large home's
     * 2,000 automations filled most of a 64 MiB heap. Older ones, up to {@link AutomationRun#KEPT}, come from the
     * database.
     */
    public static final int RECENT_RUNS = 5;

    public record Options(SunClock sun, int maxRunsPerSecond) {
        public static Options defaults(ZoneId zone) {
            return new Options(new SunClock(0, 0, zone), 20);
        }
    }

    public record Outputs(Consumer<CommandRequested> commands, Consumer<Publication> publications,
                          Consumer<AutomationRun> runs, EngineJournal journal) {
    }

    private final StateView states;
    private final Scheduler scheduler;
    private final Outputs out;
    private final Options options;
    private final Map<String, Automation> byId = new LinkedHashMap<>();
    private final Set<String> disabled = new HashSet<>();
    private final RunHistory history = new RunHistory(RECENT_RUNS);
    private final Holds holds;
    private final ClockTriggers clocks;
    private final Runs runs = new Runs(this);
    private final StepTexts stepTexts = new StepTexts();
    private final Map<RunExecution, String> delays = new HashMap<>();
    private final Waiters waiters = new Waiters();
    private final RunLimiter limiter;
    private TriggerIndex index;
    private boolean armed;

    public AutomationEngine(List<Automation> automations, StateView states, Scheduler scheduler, Outputs out, Options options) {
        this.states = states;
        this.scheduler = scheduler;
        this.out = out;
        this.options = options;
        this.holds = new Holds(scheduler, out.journal());
        this.clocks = new ClockTriggers(scheduler, new Schedules(scheduler.zone(), options.sun()), out.journal(), clockFiring());
        this.limiter = new RunLimiter(options.maxRunsPerSecond());
        automations.forEach(this::put);
        this.index = new TriggerIndex(byId.values());
    }

    private ClockTriggers.Firing clockFiring() {
        return new ClockTriggers.Firing() {
            @Override
            public void fire(TriggerIndex.Armed a, String trigger, Map<String, Object> data) {
                AutomationEngine.this.fire(a, trigger, data);
            }

            @Override
            public void nearMiss(String automation, String trigger, AutomationRun.Outcome outcome, String detail) {
                AutomationEngine.this.nearMiss(automation, trigger, outcome, detail);
            }
        };
    }

    private void put(Automation a) {
        byId.put(a.id(), a);
        if (a.enabled()) disabled.remove(a.id());
        else disabled.add(a.id());
    }

    // ---- start-up ------------------------------------------------------------------------------------------

    /**
     * Ends the start-up barrier: restores timers that were pending when the gateway stopped, applies the
     * {@code on_missed} policy of clock triggers, arms them, and fires {@code gateway: started}.
     */
    public void arm(Collection<EngineJournal.PendingTimer> pending, Map<String, Instant> clockChecked) {
        armed = true;
        pending.forEach(this::restore);
        for (TriggerIndex.Armed a : index.clock()) clocks.arm(a, Optional.ofNullable(clockChecked.get(a.key())));
        for (TriggerIndex.Armed a : index.silence()) armSilence(a);
        onGatewayEvent(Trigger.GatewayEvent.STARTED);
    }

    public boolean armed() {
        return armed;
    }

    private void restore(EngineJournal.PendingTimer t) {
        out.journal().timerEnded(t.key());
        Automation a = byId.get(t.automation());
        boolean same = a != null && a.fingerprint().equals(t.fingerprint()) && !disabled.contains(a.id());
        if (t.kind() == EngineJournal.PendingTimer.Kind.DELAY && same && t.position() >= 0 && t.position() < a.actions().size()) {
            runs.resume(a, t.trigger() + " (resumed after restart)", t);
            return;
        }
        if (t.kind() != EngineJournal.PendingTimer.Kind.HOLD) {
            String why = !same ? "the automation changed while the gateway was down"
                    : t.kind() == EngineJournal.PendingTimer.Kind.WAIT ? "a wait cannot be resumed" : "a delay inside if/choose/repeat cannot be resumed";
            nearMiss(t.automation(), t.trigger(), AutomationRun.Outcome.INTERRUPTED_BY_RESTART, "the run was in a "
                    + t.kind().name().toLowerCase() + " (until " + t.due() + ") when the gateway stopped; not resumed: " + why);
            return;
        }
        if (!same || t.position() >= a.triggers().size()) {
            nearMiss(t.automation(), t.trigger(), AutomationRun.Outcome.FOR_INTERRUPTED, "the automation changed while the gateway was down");
            return;
        }
        TriggerIndex.Armed armed = new TriggerIndex.Armed(a, t.position(), a.triggers().get(t.position()));
        Optional<String> broken = stillHolds(armed.trigger());
        if (broken.isPresent()) {
            nearMiss(a.id(), t.trigger(), AutomationRun.Outcome.FOR_INTERRUPTED, "interrupted while the gateway was down: " + broken.get());
        } else {
            Duration left = Duration.between(scheduler.now(), t.due());
            hold(armed, left.isNegative() ? Duration.ZERO : left, Map.of("kind", "restored"));
        }
    }

    /** Empty if the trigger's state still holds now; else what the state is. */
    private Optional<String> stillHolds(Trigger t) {
        if (t instanceof Trigger.Watching w) {
            Optional<Value> now = states.value(w.watches().device(), w.watches().attribute());
            return now.isPresent() && w.holds(now.get()) ? Optional.empty()
                    : Optional.of(w.watches() + " is now " + now.map(Value::toString).orElse("unknown"));
        }
        if (t instanceof Trigger.Silent) return Optional.empty();
        if (t instanceof Trigger.DeviceAvailability d) {
            Availability now = states.availability(d.device());
            return now == d.to() ? Optional.empty() : Optional.of(d.device() + " is now " + now.name().toLowerCase());
        }
        return Optional.of("not a state trigger");
    }

    /** A device not heard since start-up is silent from now on (unless a restored hold already counts). */
    private void armSilence(TriggerIndex.Armed a) {
        if (!holds.pending(a)) hold(a, ((Trigger.Silent) a.trigger()).after(), silenceData(a));
    }

    private static Map<String, Object> silenceData(TriggerIndex.Armed a) {
        return Map.of("kind", "silent", "device", ((Trigger.Silent) a.trigger()).device().value());
    }

    // ---- events -------------------------------------------------------------------------------------------

    public void onStateChanged(StateChanged change) {
        AttributeRef ref = new AttributeRef(change.device(), change.attribute());
        checkWaiters(t -> t instanceof Trigger.Watching w && w.watches().equals(ref) && w.firesOn(change));
        // The trigger's data only once something fires: most changes (a sensor's reading) fire nothing.
        Map<String, Object> data = null;
        for (TriggerIndex.Armed a : index.watching(ref)) {
            Trigger.Watching w = (Trigger.Watching) a.trigger();
            if (!w.holds(change.value())) {
                interruptHold(a, () -> ref + " changed to " + change.value());
            } else if (w.firesOn(change)) {
                if (data == null) data = stateData(change);
                fireOrHold(a, w.holdFor(), data);
            }
        }
    }

    public void onAvailabilityChanged(AvailabilityChanged change) {
        checkWaiters(t -> t instanceof Trigger.DeviceAvailability d && d.device().equals(change.device()) && d.to() == change.current());
        Map<String, Object> data = Map.of("kind", "availability", "device", change.device().value(),
                "from", change.previous().name().toLowerCase(), "to", change.current().name().toLowerCase());
        for (TriggerIndex.Armed a : index.availability(change.device())) {
            Trigger.DeviceAvailability d = (Trigger.DeviceAvailability) a.trigger();
            boolean backFromUnknown = change.previous() == Availability.UNKNOWN && change.current() == Availability.ONLINE;
            if (change.current() != d.to()) interruptHold(a, () -> change.device() + " became " + change.current().name().toLowerCase());
            else if (!backFromUnknown) fireOrHold(a, d.holdFor(), data);
        }
    }

    /** A device sent something (changed or not): its silence starts again. */
    public void onDeviceSeen(DeviceId device) {
        if (!armed) return;
        for (TriggerIndex.Armed a : index.silence(device)) {
            if (!disabled.contains(a.automation().id())) hold(a, ((Trigger.Silent) a.trigger()).after(), silenceData(a));
        }
    }

    /** A message on a topic no device owns (or any topic; MQTT triggers see everything the gateway receives). */
    public void onMqtt(String topic, byte[] payload) {
        // Most homes have no mqtt trigger: then no message is decoded into text for them.
        if (index.mqtt().isEmpty() && waiters.isEmpty()) return;
        String text = new String(payload, StandardCharsets.UTF_8);
        checkWaiters(t -> t instanceof Trigger.Mqtt m && m.matches(topic, text));
        for (TriggerIndex.Armed a : index.mqtt()) {
            if (((Trigger.Mqtt) a.trigger()).matches(topic, text)) fire(a, a.description(), Map.of("kind", "mqtt", "topic", topic, "payload", text));
        }
    }

    /** A command to {@code device} was never confirmed (closed-loop commands gave up). */
    public void onCommandFailed(DeviceId device) {
        checkWaiters(t -> t instanceof Trigger.CommandFailed c && c.matches(device));
        for (TriggerIndex.Armed a : index.commandFailed()) {
            if (((Trigger.CommandFailed) a.trigger()).matches(device)) {
                fire(a, a.description(), Map.of("kind", "command_failed", "device", device.value()));
            }
        }
    }

    public void onGatewayEvent(Trigger.GatewayEvent event) {
        checkWaiters(t -> t instanceof Trigger.Gateway g && g.event() == event);
        for (TriggerIndex.Armed a : index.gateway(event)) fire(a, a.description(), Map.of("kind", "gateway", "event", event.name().toLowerCase()));
    }

    private static Map<String, Object> stateData(StateChanged c) {
        Map<String, Object> data = new HashMap<>();
        data.put("kind", "state");
        data.put("device", c.device().value());
        data.put("attribute", c.attribute());
        c.previous().ifPresent(p -> data.put("from", p.plain()));
        data.put("to", c.value().plain());
        return data;
    }

    private void checkWaiters(Predicate<Trigger> fires) {
        waiters.offer(fires, this::facts);
    }

    // ---- holds (for:) -------------------------------------------------------------------------------------

    private void fireOrHold(TriggerIndex.Armed a, Duration holdFor, Map<String, Object> data) {
        if (holdFor.isZero()) fire(a, a.description(), data);
        else if (!armed) nearMiss(a.automation().id(), a.description(), AutomationRun.Outcome.DROPPED_AT_STARTUP,
                "the trigger matched before triggers were armed (start-up barrier)");
        else if (!disabled.contains(a.automation().id())) hold(a, holdFor, data);
    }

    private void hold(TriggerIndex.Armed a, Duration holdFor, Map<String, Object> data) {
        holds.start(a, holdFor, () -> fire(a, a.description(), data));
    }

    /** {@code why} is built only when a hold is interrupted: most changes of a watched sensor interrupt nothing. */
    private void interruptHold(TriggerIndex.Armed a, Supplier<String> why) {
        if (holds.cancel(a)) {
            nearMiss(a.automation().id(), a.description(), AutomationRun.Outcome.FOR_INTERRUPTED, "interrupted by " + why.get());
        }
    }

    /** Pending {@code for:} holds, for tests and status. */
    public int pendingHolds() {
        return holds.size();
    }

    // ---- runs -------------------------------------------------------------------------------------------------

    private void fire(TriggerIndex.Armed a, String trigger, Map<String, Object> data) {
        start(a.automation(), trigger, data, false);
    }

    private void start(Automation a, String trigger, Map<String, Object> data, boolean manual) {
        if (!manual && disabled.contains(a.id())) return;
        if (!manual && !armed) {
            nearMiss(a.id(), trigger, AutomationRun.Outcome.DROPPED_AT_STARTUP, "the trigger matched before triggers were armed (start-up barrier)");
            return;
        }
        if (limiter.exceeded(a.id(), scheduler.now())) {
            pause(a, trigger);
            return;
        }
        runs.start(a, trigger, data).ifPresent(why -> nearMiss(a.id(), trigger, AutomationRun.Outcome.DROPPED_BY_MODE, why));
    }

    private void pause(Automation a, String trigger) {
        String why = "more than " + options.maxRunsPerSecond() + " runs in one second: paused (disabled) to protect the gateway; "
                + "enable it again once the loop is fixed";
        log.error("Automation {} {}", a.id(), why);
        setEnabled(a.id(), false);
        limiter.forget(a.id());
        nearMiss(a.id(), trigger, AutomationRun.Outcome.PAUSED, why);
    }

    private void nearMiss(String automation, String trigger, AutomationRun.Outcome outcome, String detail) {
        report(new AutomationRun(automation, scheduler.now(), trigger, outcome, List.of(detail)));
    }

    private void report(AutomationRun run) {
        history.record(run);
        out.runs().accept(run);
        out.journal().traced(run);
    }

    // ---- control ----------------------------------------------------------------------------------------------

    /** Enables or disables an automation; false if there is no such automation. Disabling cancels its runs and holds. */
    @Override
    public boolean setEnabled(String id, boolean enabled) {
        if (!byId.containsKey(id)) return false;
        if (enabled) {
            disabled.remove(id);
        } else if (disabled.add(id)) {
            stopAll(byId.get(id), "automation disabled");
        }
        return true;
    }

    private void stopAll(Automation a, String why) {
        holds.cancelAll(a);
        runs.stopAll(a, why);
    }

    /** Runs conditions and actions now, as if the first trigger fired; false if there is no such automation. */
    public boolean triggerNow(String id) {
        Automation a = byId.get(id);
        if (a == null) return false;
        start(a, "manual trigger", Map.of("kind", "manual"), true);
        return true;
    }

    /**
     * Replaces the automations of one file. Automations whose text did not change keep their holds, clock timers and
     * runs; removed or changed ones are stopped first.
     */
    public void replaceFile(String file, List<Automation> fresh) {
        Map<String, Automation> incoming = new LinkedHashMap<>();
        fresh.forEach(a -> incoming.put(a.id(), a));
        for (Automation old : List.copyOf(byId.values())) {
            if (!old.file().equals(file)) continue;
            Automation now = incoming.get(old.id());
            if (now != null && now.fingerprint().equals(old.fingerprint())) {
                incoming.remove(old.id());
                continue;
            }
            remove(old);
        }
        incoming.values().forEach(this::put);
        index = new TriggerIndex(byId.values());
        if (armed) {
            for (TriggerIndex.Armed a : index.clock()) {
                if (incoming.containsKey(a.automation().id())) clocks.arm(a, Optional.empty());
            }
            for (TriggerIndex.Armed a : index.silence()) {
                if (incoming.containsKey(a.automation().id())) armSilence(a);
            }
        }
    }

    private void remove(Automation a) {
        stopAll(a, "automation reloaded");
        clocks.cancelAll(a);
        byId.remove(a.id());
        disabled.remove(a.id());
    }

    public List<AutomationQuery.Info> list() {
        return byId.values().stream().map(a -> new AutomationQuery.Info(a.id(), a.description(), !disabled.contains(a.id()),
                a.source(), history.lastTriggered(a.id()), history.count(a.id()))).toList();
    }

    public List<AutomationRun> recentRuns(String id, int limit) {
        return history.recent(id, limit);
    }

    public Optional<Automation> automation(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Runs in progress, for tests and status. */
    public int activeRuns() {
        return runs.active();
    }

    // ---- RunExecution.Host ------------------------------------------------------------------------------------

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
        return new RunFacts(states, scheduler, options.sun(), run);
    }

    @Override
    public void command(String automation, DeviceId device, Map<String, Value> set) {
        out.commands().accept(new CommandRequested(device, set, automation));
    }

    @Override
    public void publish(String automation, Action.Publish p, String payload) {
        out.publications().accept(new Publication(p.topic(), payload.getBytes(StandardCharsets.UTF_8), p.qos(), p.retain()));
    }

    @Override
    public void log(String automation, Action.Level level, String message) {
        if (level == Action.Level.WARN) log.warn("{}: {}", automation, message);
        else log.info("{}: {}", automation, message);
    }

    @Override
    public void waitFor(RunExecution.Waiter waiter) {
        waiters.add(waiter);
    }

    @Override
    public void stopWaiting(RunExecution.Waiter waiter) {
        waiters.remove(waiter);
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
        runs.ended(run);
        report(trace);
        runs.startQueued(run.automation());
    }
}
