package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.StateChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;

/**
 * What changed in the registry goes out (log, dashboard, history) and to the triggers, in order, each evaluation
 * timed. On the home's thread.
 */
final class EventDispatch {
    private final HomeLoop.Effects effects;
    private final AutomationEngine engine;
    private final Timer evaluation;

    EventDispatch(HomeLoop.Effects effects, AutomationEngine engine, MeterRegistry meters) {
        this.effects = effects;
        this.engine = engine;
        this.evaluation = Timer.builder("hearth.automation.evaluation")
                .description("Time the automation engine spends on one device event (matching, conditions, actions up to the first wait)")
                .register(meters);
    }

    void dispatch(List<DeviceEvent> events) {
        for (DeviceEvent event : events) {
            if (event instanceof StateChanged change) {
                HomeLog.changed(change);
                effects.stateChanged(change);
                evaluation.record(() -> engine.onStateChanged(change));
            } else if (event instanceof AvailabilityChanged a) {
                HomeLog.availability(a);
                effects.availabilityChanged(a);
                evaluation.record(() -> engine.onAvailabilityChanged(a));
            } else if (event instanceof EventReported e) {
                HomeLog.event(e);
                effects.eventReported(e);
                evaluation.record(() -> engine.onEvent(e));
            }
        }
    }
}
