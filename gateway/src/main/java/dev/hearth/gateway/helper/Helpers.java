package dev.hearth.gateway.helper;

import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The helpers at run time, on the home's thread: a command is checked by its helper and applied to the registry at
 * once (nothing to publish, no echo to wait for); timers count down on the {@link Scheduler}. Their values are saved
 * and restored like any device state, so they survive a restart, running timers included.
 */
public final class Helpers {
    private final Map<DeviceId, Helper> byId = new LinkedHashMap<>();
    private final DeviceRegistry registry;
    private final Scheduler scheduler;
    private final Consumer<List<DeviceEvent>> timerEvents;
    private final Map<DeviceId, Scheduler.Cancellable> countdowns = new HashMap<>();

    /** {@code timerEvents} hears of the changes a timer makes by itself when it runs out. */
    public Helpers(List<Helper> helpers, DeviceRegistry registry, Scheduler scheduler, Consumer<List<DeviceEvent>> timerEvents) {
        helpers.forEach(h -> byId.put(h.id(), h));
        this.registry = registry;
        this.scheduler = scheduler;
        this.timerEvents = timerEvents;
    }

    public boolean handles(DeviceId id) {
        return byId.containsKey(id);
    }

    /** After the saved values were restored: what has no saved value starts at its initial value, without an event. */
    public void start() {
        Instant now = scheduler.now();
        for (Helper h : byId.values()) {
            DeviceState state = state(h.id());
            h.initial().forEach((attribute, value) -> {
                if (state.value(attribute).isEmpty()) registry.restore(h.id(), attribute, value, now);
            });
        }
    }

    /** Once triggers are armed: timers that were running go on, and those that ran out meanwhile finish now. */
    public void arm() {
        for (Helper h : byId.values()) {
            if (h instanceof Timer t) countDown(t, state(t.id()));
        }
    }

    /** Applies a command; returns the changes it made, or throws {@link Helper.Refused}. */
    public List<DeviceEvent> set(CommandRequested command) {
        Helper helper = byId.get(command.device());
        if (helper == null) throw new Helper.Refused("no helper " + command.device());
        Instant now = scheduler.now();
        Map<String, Value> values = helper.apply(command.set(), state(helper.id()), now);
        if (values.isEmpty()) return List.of();
        List<DeviceEvent> events = registry.setLocal(helper.id(), values, now);
        if (helper instanceof Timer t) countDown(t, state(t.id()));
        return events;
    }

    private void countDown(Timer timer, DeviceState state) {
        Optional.ofNullable(countdowns.remove(timer.id())).ifPresent(Scheduler.Cancellable::cancel);
        Optional<Instant> end = Timer.finishesAt(state);
        if (end.isEmpty()) return;
        Duration left = Duration.between(scheduler.now(), end.get());
        countdowns.put(timer.id(), scheduler.schedule(left, () -> finish(timer)));
    }

    private void finish(Timer timer) {
        countdowns.remove(timer.id());
        timerEvents.accept(registry.setLocal(timer.id(), timer.finished(), scheduler.now()));
    }

    private DeviceState state(DeviceId id) {
        return registry.state(id).orElse(DeviceState.initial(id));
    }
}
