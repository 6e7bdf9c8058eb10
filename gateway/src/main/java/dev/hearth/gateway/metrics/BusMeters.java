package dev.hearth.gateway.metrics;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.AutomationRuns;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.message.ConnectionChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figures read off the event-bus contract, so that no feature has to carry metrics code for them:
 * state changes, availability changes, automation runs by outcome, and the broker link.
 */
public final class BusMeters extends VerticleBase {
    private final MeterRegistry registry;
    private final AtomicInteger connected = new AtomicInteger();
    private final Map<String, Map<AutomationRun.Outcome, Counter>> runCounters = new HashMap<>();

    public BusMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        Counter changes = Counter.builder("hearth.device.state.changes").description("Attribute values that changed").register(registry);
        Counter connects = Counter.builder("hearth.mqtt.connects").description("Times the broker link came up").register(registry);
        Counter losses = Counter.builder("hearth.mqtt.disconnects").description("Times the broker link went down").register(registry);
        Gauge.builder("hearth.mqtt.connected", connected, AtomicInteger::get)
                .description("1 while the broker link is up and subscribed").register(registry);
        var bus = vertx.eventBus();
        bus.<StateChanges>consumer(Addresses.DEVICE_STATE_CHANGED, m -> changes.increment(m.body().changes().size()));
        bus.<AvailabilityChanged>consumer(Addresses.DEVICE_AVAILABILITY_CHANGED, m -> Counter.builder("hearth.device.availability.changes")
                .description("Devices going online or offline").tag("to", lower(m.body().current())).register(registry).increment());
        bus.<AutomationRuns>consumer(Addresses.AUTOMATION_RUN, m -> m.body().runs().forEach(r -> runs(r).increment()));
        bus.<ConnectionChanged>consumer(Addresses.MQTT_CONNECTION, m -> {
            connected.set(m.body().connected() ? 1 : 0);
            (m.body().connected() ? connects : losses).increment();
        });
        return Future.succeededFuture();
    }

    /**
     * The counter of this run's automation and outcome, registered once: building and looking up a meter id per run
     * was 5 % of an event loop's time at saturation. Only this verticle's event loop uses the map.
     */
    private Counter runs(AutomationRun run) {
        return runCounters.computeIfAbsent(run.automation(), a -> new EnumMap<>(AutomationRun.Outcome.class))
                .computeIfAbsent(run.outcome(), o -> Counter.builder("hearth.automation.runs")
                        .description("Automation runs and near misses, by outcome")
                        .tag("automation", run.automation()).tag("outcome", lower(o))
                        .register(registry));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
