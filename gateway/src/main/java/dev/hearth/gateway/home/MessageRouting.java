package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.commands.Commands;
import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DevicesChanged;
import dev.hearth.gateway.device.TopicRoutes;
import dev.hearth.gateway.discovery.Discovery;
import dev.hearth.gateway.discovery.DiscoverySource;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.presence.Presence;
import dev.hearth.gateway.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Where one inbound message goes: {@code mqtt} triggers see it first; then it belongs to Hearth's own entities in Home
 * Assistant, to a person, to a discovery source, or to the device whose topic it is (decoded, applied, confirming
 * commands); what changed goes to {@code dispatch}. On the home's thread.
 */
final class MessageRouting {
    private static final Logger log = LoggerFactory.getLogger(HomeLoop.class);

    /** The parts of the home a message may reach. */
    record Parts(DeviceRegistry registry, Discovery discovery, Presence presence, Commands commands, AutomationEngine engine) {
    }

    private final Parts parts;
    private final Scheduler scheduler;
    private final HomeLoop.Effects effects;
    private final Consumer<List<DeviceEvent>> dispatch;
    private final ToIntFunction<Collection<DeviceId>> restoreSaved;
    private final Runnable devicesAdded;
    /** The task that applies what discovery read, while one is queued. */
    private Optional<Scheduler.Cancellable> discoveryQueued = Optional.empty();

    /**
     * {@code restoreSaved} puts back the values saved before a restart for newly discovered devices (how many);
     * {@code devicesAdded} runs when discovery added devices (automations waiting for them may start).
     */
    MessageRouting(Parts parts, Scheduler scheduler, HomeLoop.Effects effects, Consumer<List<DeviceEvent>> dispatch,
                   ToIntFunction<Collection<DeviceId>> restoreSaved, Runnable devicesAdded) {
        this.devicesAdded = devicesAdded;
        this.parts = parts;
        this.scheduler = scheduler;
        this.effects = effects;
        this.dispatch = dispatch;
        this.restoreSaved = restoreSaved;
    }

    void apply(InboundMessage m) {
        parts.engine().onMqtt(m.topic(), m.payload());
        // State times are on the loop's clock (the scenario clock in the demo), the one automations measure 'for:' with.
        Instant now = scheduler.now();
        if (effects.handedOn(m)) return;
        if (parts.presence().handles(m.topic())) {
            dispatch.accept(parts.presence().receive(m.topic(), m.payload(), now));
            return;
        }
        Optional<DiscoverySource> source = parts.discovery().source(m.topic());
        if (source.isPresent()) {
            parts.discovery().read(source.get(), m.topic(), m.payload());
            // A burst (retained configs on subscribing) is applied once, after the messages queued behind this one.
            if (discoveryQueued.isEmpty()) discoveryQueued = Optional.of(scheduler.schedule(Duration.ZERO, this::applyDiscovered));
            return;
        }
        applyDiscovered(); // a device's message sees every device discovered before it
        DeviceRegistry registry = parts.registry();
        Optional<TopicRoutes.Route> found = registry.routes().route(m.topic());
        if (found.isEmpty()) {
            registry.unknownTopic(m.topic(), now);
            return;
        }
        TopicRoutes.Route route = found.get();
        DeviceId device = route.device().id();
        parts.engine().onDeviceSeen(device);
        List<DeviceEvent> events = registry.apply(route, m.payload(), now);
        parts.commands().reported(route, registry.state(device));
        dispatch.accept(events);
    }

    /**
     * What discovery read since it was last applied: discovered devices come with the values saved before a restart;
     * their topics are subscribed to first (the broker link works on it while automations waiting for them are checked),
     * then each is asked for the values it can report on request.
     */
    void applyDiscovered() {
        discoveryQueued.ifPresent(Scheduler.Cancellable::cancel);
        discoveryQueued = Optional.empty();
        if (!parts.discovery().pending()) return;
        Discovery.Applied applied = parts.discovery().flush(scheduler.now());
        DevicesChanged devices = applied.devices();
        if (!devices.isEmpty()) {
            effects.devicesChanged(devices);
            int n = restoreSaved.applyAsInt(devices.added());
            if (n > 0) log.info("Restored {} values of discovered devices from the database", n);
            // A turn later, after the broker link has taken the subscription: the broker reads a client's packets in order.
            scheduler.schedule(Duration.ZERO, () -> devices.added().forEach(id -> parts.registry().spec(id)
                    .ifPresent(parts.commands()::requestState)));
            if (!devices.added().isEmpty()) devicesAdded.run();
        }
        dispatch.accept(applied.events());
    }
}
