package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.load.AwaitedAutomations;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The home's side of automations that wait for devices discovery has not found yet: each is traced once as waiting
 * (so "why did it not run?" has an answer) and listed with what it waits for; when devices appear, those that check
 * out join the engine, and those that turn out wrong are logged once with their position.
 */
final class WaitingAutomations {
    private static final Logger log = LoggerFactory.getLogger(WaitingAutomations.class);

    private final AutomationEngine engine;
    private final DeviceRegistry registry;
    private final Scheduler scheduler;
    private AwaitedAutomations awaited = new AwaitedAutomations(new AutomationLoader(List.of(), Set.of(), true));

    WaitingAutomations(AutomationEngine engine, DeviceRegistry registry, Scheduler scheduler) {
        this.engine = engine;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** The automations that wait at start; those whose devices are known already join the engine now. */
    void start(AwaitedAutomations awaited) {
        this.awaited = awaited;
        List<AutomationLoader.Waiting> before = awaited.waiting();
        devicesAdded();
        traceStillWaiting(before);
    }

    /** A reloaded file: its ready automations, and those that wait (some may not wait any more). */
    void replaceFile(String file, List<Automation> automations, List<AutomationLoader.Waiting> waiting) {
        awaited.await(file, waiting);
        List<Automation> all = new ArrayList<>(automations);
        for (AwaitedAutomations.Ready r : awaited.check(registry.specs())) {
            if (r.file().equals(file)) {
                report(r);
                all.addAll(r.automations());
            } else {
                apply(r);
            }
        }
        engine.replaceFile(file, all);
        traceStillWaiting(waiting);
    }

    /** Devices appeared: the automations waiting for them are checked now. */
    void devicesAdded() {
        awaited.check(registry.specs()).forEach(this::apply);
    }

    /** The waiting automations as the automation list shows them. */
    List<AutomationQuery.Info> infos() {
        return awaited.waiting().stream().map(w -> new AutomationQuery.Info(w.automation(), w.description(), true, w.source(),
                Optional.empty(), 0, w.devices())).toList();
    }

    private void apply(AwaitedAutomations.Ready r) {
        report(r);
        if (r.automations().isEmpty()) return;
        List<Automation> all = new ArrayList<>(engine.automationsOf(r.file()));
        all.addAll(r.automations());
        engine.replaceFile(r.file(), all);
    }

    private static void report(AwaitedAutomations.Ready r) {
        r.problems().forEach(p -> log.error("{}", p));
        r.automations().forEach(a -> log.info("Automation {} ({}) runs now: the devices it waited for were discovered", a.id(), a.source()));
    }

    private void traceStillWaiting(List<AutomationLoader.Waiting> candidates) {
        Set<String> still = awaited.waiting().stream().map(AutomationLoader.Waiting::automation).collect(Collectors.toSet());
        for (AutomationLoader.Waiting w : candidates) {
            if (!still.contains(w.automation())) continue;
            String devices = String.join(", ", w.devices());
            log.warn("Automation {} ({}) waits for {} to be discovered", w.automation(), w.source(), devices);
            engine.traced(new AutomationRun(w.automation(), scheduler.now(), "start", AutomationRun.Outcome.WAITING_FOR_DEVICES,
                    List.of("waiting for " + devices + ": not discovered yet (not in devices.yaml either); it runs once "
                            + (w.devices().size() == 1 ? "it appears" : "they appear"))));
        }
    }
}
