package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.StateChanged;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What changed in the registry goes out (log, dashboard, history) and to the triggers, in order, each evaluation
 * timed. On the home's thread.
 */
final class EventDispatch {
    private final HomeLoop.Effects effects;
    private final AutomationEngine engine;
    private final Timer evaluation;
    private final Clock clock;

    EventDispatch(HomeLoop.Effects effects, AutomationEngine engine, MeterRegistry meters) {
        this.effects = effects;
        this.engine = engine;
        this.evaluation = Timer.builder("hearth.automation.evaluation")
                .description("Time the automation engine spends on one device event (matching, conditions, actions up to the first wait)")
                .register(meters);
        this.clock = meters.config().clock();
    }

    void dispatch(List<DeviceEvent> events) {
        for (int i = 0; i < events.size(); i++) { // by index: no iterator per message
            DeviceEvent event = events.get(i);
            if (event instanceof StateChanged change) {
                HomeLog.changed(change);
                effects.stateChanged(change);
                evaluate(change);
            } else if (event instanceof AvailabilityChanged a) {
                HomeLog.availability(a);
                effects.availabilityChanged(a);
                evaluate(a);
            } else if (event instanceof EventReported e) {
                HomeLog.event(e);
                effects.eventReported(e);
                evaluate(e);
            }
        }
    }

    /** Offers the event to the engine, timed as {@code Timer.record(Runnable)} times, without a lambda per event. */
    private void evaluate(DeviceEvent event) {
        long start = clock.monotonicTime();
        try {
            if (event instanceof StateChanged change) engine.onStateChanged(change);
            else if (event instanceof AvailabilityChanged a) engine.onAvailabilityChanged(a);
            else if (event instanceof EventReported e) engine.onEvent(e);
        } finally {
            evaluation.record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
