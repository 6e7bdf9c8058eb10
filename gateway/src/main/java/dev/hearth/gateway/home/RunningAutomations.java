package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.load.AutomationReloader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;

import java.util.List;
import java.util.Optional;

/** The running automations as hot reload replaces them: the engine's and those waiting for devices. On the home's thread. */
final class RunningAutomations implements AutomationReloader.Running {
    private final AutomationEngine engine;
    private final WaitingAutomations waiting;
    private final DeviceRegistry registry;
    private final Runnable replaced;

    /** {@code replaced} runs after each replacement (the broker link follows the mqtt triggers' topics). */
    RunningAutomations(AutomationEngine engine, WaitingAutomations waiting, DeviceRegistry registry, Runnable replaced) {
        this.engine = engine;
        this.waiting = waiting;
        this.registry = registry;
        this.replaced = replaced;
    }

    @Override
    public Optional<Automation> automation(String id) {
        return engine.automation(id);
    }

    @Override
    public void replaceFile(String file, List<Automation> automations) {
        engine.replaceFile(file, automations);
        replaced.run();
    }

    @Override
    public void replaceFile(String file, List<Automation> automations, List<AutomationLoader.Waiting> waits) {
        waiting.replaceFile(file, automations, waits);
        replaced.run();
    }

    @Override
    public List<AutomationLoader.Waiting> stillUnknown(List<AutomationLoader.Waiting> waits) {
        return waits.stream().filter(w -> w.devices().stream().anyMatch(d -> registry.spec(new DeviceId(d)).isEmpty())).toList();
    }
}
