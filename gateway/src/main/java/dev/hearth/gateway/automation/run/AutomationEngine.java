package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.GatewayTrigger;
import dev.hearth.gateway.automation.model.MqttTrigger;
import dev.hearth.gateway.automation.model.StateView;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.model.TriggerEvent;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.RunHistory;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.notify.Dispatch;
import dev.hearth.gateway.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs automations against device events and the clock. Pure and single-threaded: the caller delivers events and
 * scheduler callbacks on one thread and receives commands, publications and traces through {@link Outputs}.
 * Until {@link #arm} (the start-up barrier) triggers are only traced as dropped.
 */
public final class AutomationEngine {
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
                          Consumer<AutomationRun> runs, EngineJournal journal, Consumer<Dispatch> dispatches) {
    }

    private final StateView states;
    private final Scheduler scheduler;
    private final Outputs out;
    private final Options options;
    private final Map<String, Automation> byId = new LinkedHashMap<>();
    private final Set<String> disabled = new HashSet<>();
    private final RunHistory history = new RunHistory(RECENT_RUNS);
    private final Triggering triggering;
    private final Runs runs;
    private final RunLimiter limiter;

    public AutomationEngine(List<Automation> automations, StateView states, Scheduler scheduler, Outputs out, Options options) {
        this.states = states;
        this.scheduler = scheduler;
        this.out = out;
        this.options = options;
        this.triggering = new Triggering(scheduler, options.sun(), out.journal(), firing(), disabled::contains, states);
        this.runs = new Runs(new EngineRunHost(scheduler, triggering, states, options.sun(), out, this::setEnabled, this::finished));
        this.limiter = new RunLimiter(options.maxRunsPerSecond());
        automations.forEach(this::put);
        triggering.index(byId.values());
    }

    private Firing firing() {
        return new Firing() {
            @Override
            public void fire(TriggerIndex.Armed a, String trigger, Map<String, Object> data) {
                Map<String, Object> withId = new java.util.HashMap<>(data);
                withId.put("id", a.id());
                start(a.automation(), trigger, withId, false);
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
        triggering.arm(() -> pending.forEach(this::restore), clockChecked);
        onGatewayEvent(GatewayTrigger.Event.STARTED);
    }

    public boolean armed() {
        return triggering.armed();
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
        triggering.restoreHold(t, a, states, scheduler.now());
    }

    // ---- events -------------------------------------------------------------------------------------------

    public void onStateChanged(StateChanged change) {
        triggering.offer(new TriggerEvent.StateChange(change));
    }

    public void onAvailabilityChanged(AvailabilityChanged change) {
        triggering.offer(new TriggerEvent.AvailabilityChange(change));
    }

    /** A button or remote sent an event: offered to event triggers every time. */
    public void onEvent(EventReported event) {
        triggering.offer(new TriggerEvent.Occurrence(event));
    }

    /** A device sent something (changed or not): its silence starts again. */
    public void onDeviceSeen(DeviceId device) {
        if (triggering.armed()) triggering.offerToTriggers(new TriggerEvent.DeviceSeen(device));
    }

    /** A message on a topic no device owns (or any topic; MQTT triggers see everything the gateway receives). */
    public void onMqtt(String topic, byte[] payload) {
        // Most homes have no mqtt trigger: then no message is decoded into text for them.
        if (!triggering.watched(TriggerEvent.MqttMessage.class)) return;
        triggering.offer(new TriggerEvent.MqttMessage(topic, new String(payload, StandardCharsets.UTF_8)));
    }

    /** A command to {@code device} was never confirmed (closed-loop commands gave up). */
    public void onCommandFailed(DeviceId device) {
        triggering.offer(new TriggerEvent.CommandFailure(device));
    }

    public void onGatewayEvent(GatewayTrigger.Event event) {
        triggering.offer(new TriggerEvent.GatewayStatus(event));
    }

    /** Pending {@code for:} holds, for tests and status. */
    public int pendingHolds() {
        return triggering.pendingHolds();
    }

    // ---- runs -------------------------------------------------------------------------------------------------

    private void start(Automation a, String trigger, Map<String, Object> data, boolean manual) {
        if (!manual && disabled.contains(a.id())) return;
        if (!manual && !triggering.armed()) {
            nearMiss(a.id(), trigger, AutomationRun.Outcome.DROPPED_AT_STARTUP, Triggering.BARRIER);
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

    /**
     * The trace of something a run started that ended later, on its own (the delivery of a notification or HTTP call):
     * kept and reported with the automation's runs.
     */
    public void traced(AutomationRun run) {
        report(run);
    }

    private void report(AutomationRun run) {
        history.record(run);
        out.runs().accept(run);
        out.journal().traced(run);
    }

    // ---- control ----------------------------------------------------------------------------------------------

    /** Enables or disables an automation; false if there is no such automation. Disabling cancels its runs and holds. */
    public boolean setEnabled(String id, boolean enabled) {
        if (!byId.containsKey(id)) return false;
        if (enabled) {
            disabled.remove(id);
        } else if (disabled.add(id)) {
            stopAll(byId.get(id), "automation disabled", false);
        }
        return true;
    }

    private void stopAll(Automation a, String why, boolean andClocks) {
        triggering.stop(a, andClocks);
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
        triggering.index(byId.values());
        triggering.armNew(incoming.keySet());
    }

    private void remove(Automation a) {
        stopAll(a, "automation reloaded", true);
        byId.remove(a.id());
        disabled.remove(a.id());
    }

    /** The topic filters the mqtt triggers of the automations running now listen to, each once. */
    public Set<String> mqttFilters() {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Automation a : byId.values()) {
            a.triggers().forEach(t -> {
                if (t instanceof MqttTrigger m) out.add(m.topicFilter());
            });
        }
        return out;
    }

    /** The automations of one file, as running now. */
    public List<Automation> automationsOf(String file) {
        return byId.values().stream().filter(a -> a.file().equals(file)).toList();
    }

    /** Automations not running because they wait for devices ({@code Info.waitingFor}), listed with the running ones. */
    public List<AutomationQuery.Info> list(List<AutomationQuery.Info> waiting) {
        List<AutomationQuery.Info> all = new ArrayList<>(list());
        waiting.forEach(w -> all.add(new AutomationQuery.Info(w.id(), w.description(), w.enabled(), w.source(),
                history.lastTriggered(w.id()), history.count(w.id()), w.waitingFor())));
        return all;
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

    /** A run ended: the next queued run of its automation may start. */
    private void finished(RunExecution run, AutomationRun trace) {
        runs.ended(run);
        report(trace);
        runs.startQueued(run.automation());
    }
}
