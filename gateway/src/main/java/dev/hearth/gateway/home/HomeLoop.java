package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.load.AutomationReloader;
import dev.hearth.gateway.automation.load.AwaitedAutomations;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.AutomationSettings;
import dev.hearth.gateway.automation.model.GatewayTrigger;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.automation.run.EngineJournal;
import dev.hearth.gateway.automation.run.StartupBarrier;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.commands.CommandConfirmed;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.commands.Commands;
import dev.hearth.gateway.commands.ConfirmationSettings;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DevicesChanged;
import dev.hearth.gateway.discovery.Discovery;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.helper.Helper;
import dev.hearth.gateway.helper.Helpers;
import dev.hearth.gateway.presence.Presence;
import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.PublishRefused;
import dev.hearth.gateway.notify.Dispatch;
import dev.hearth.gateway.time.Location;
import dev.hearth.gateway.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The home's single writer: a message is routed once, applied to the device registry, evaluated by the automation
 * engine, and what follows leaves through {@link Effects}. Everything runs on one thread (the caller's), in arrival
 * order, without locks; time comes from the {@link Scheduler}s.
 */
public final class HomeLoop {
    private static final Logger log = LoggerFactory.getLogger(HomeLoop.class);

    /** What the loop hands out; called on its thread. */
    public interface Effects {
        void stateChanged(StateChanged change);

        void availabilityChanged(AvailabilityChanged change);

        /** A button or remote sent an event (the dashboard's event log). */
        void eventReported(EventReported event);

        void ran(AutomationRun run);

        /** Sends a command's (or an automation's) publication: completes on the broker's acknowledgement. */
        CompletionStage<Void> publish(Publication publication);

        /** The inbound message with this token is applied, and every publication it caused was handed to {@link #publish} before. */
        void handled(long ackToken);

        void commandFailed(CommandFailed failed);

        /** A command's device echoed what it was asked (the logbook's confirmation). Nothing by default. */
        default void commandConfirmed(CommandConfirmed confirmed) {
        }

        /** A notification or HTTP call of a run, for the notify feature. */
        void dispatch(Dispatch dispatch);

        /**
         * Devices were discovered, renamed or removed: the broker link's subscriptions and the dashboard follow.
         * Nothing by default: a home without discovery never changes its devices.
         */
        default void devicesChanged(DevicesChanged change) {
        }

        /**
         * Hands on a message for Hearth's own entities in Home Assistant (commands on them): true when it was one, and
         * the home does not apply it. Nothing by default.
         */
        default boolean handedOn(InboundMessage message) {
            return false;
        }

        /**
         * Automations that became effective (waiting devices discovered, a file reloaded) listen to new topic filters
         * with their mqtt triggers, or removed ones no longer to some: the broker link's subscriptions follow. Nothing by default.
         */
        default void mqttTriggersChanged(List<String> added, List<String> dropped) {
        }
    }

    /**
     * {@code scheduler} paces automations and command retries (the scenario clock in the demo); {@code realTime} the
     * start-up barrier, which waits for a broker on the wall clock whatever the pace.
     */
    public record Setup(Scheduler scheduler, Scheduler realTime, Location location, AutomationSettings automation,
                        ConfirmationSettings commands, EngineJournal journal, MeterRegistry meters, Locals locals) {
        /** Without helpers or people. */
        public Setup(Scheduler scheduler, Scheduler realTime, Location location, AutomationSettings automation,
                     ConfirmationSettings commands, EngineJournal journal, MeterRegistry meters) {
            this(scheduler, realTime, location, automation, commands, journal, meters, Locals.NONE);
        }
    }

    /** What the database held at start: device values, pending timers, when clock triggers last fired. */
    public record Restored(List<AutomationStore.StoredState> states, List<EngineJournal.PendingTimer> timers,
                           Map<String, Instant> clocks) {
        public static final Restored NOTHING = new Restored(List.of(), List.of(), Map.of());
    }

    private final DeviceRegistry registry;
    private final Discovery discovery;
    private final Scheduler scheduler;
    private final Effects effects;
    private final Commands commands;
    private final Helpers helpers;
    private final Presence presence;
    private final AutomationEngine engine;
    private final StartupGate startup;
    private final EventDispatch events;
    private final MessageRouting routing;
    private final int automations;
    private Restored restored = Restored.NOTHING;
    private RestoredStates restoredStates = new RestoredStates(List.of());
    private final WaitingAutomations waiting;
    private final MqttTriggerTopics mqttTriggers;
    private AwaitedAutomations awaitedAtStart = new AwaitedAutomations(new AutomationLoader(List.of()));

    /** A home of the devices in {@code registry} only, discovering none. */
    public HomeLoop(DeviceRegistry registry, List<Automation> automations, Setup setup, Effects effects) {
        this(registry, Discovery.none(registry), automations, setup, effects);
    }

    /** A home whose devices are those in {@code registry} and those {@code discovery} finds while it runs. */
    public HomeLoop(DeviceRegistry registry, Discovery discovery, List<Automation> automations, Setup setup, Effects effects) {
        this.registry = registry;
        this.discovery = discovery;
        this.scheduler = setup.scheduler();
        this.effects = effects;
        this.automations = automations.size();
        this.commands = new Commands(registry::spec, effects::publish, setup.commands(), scheduler, this::commandFailed,
                effects::commandConfirmed);
        commands.registerMeters(setup.meters());
        this.helpers = new Helpers(setup.locals().helpers(), registry, scheduler, this::dispatch);
        this.presence = new Presence(setup.locals().people(), registry, setup.location());
        Location at = setup.location();
        this.engine = new AutomationEngine(automations, new RegistryStateView(registry), scheduler,
                new AutomationEngine.Outputs(this::fromAutomation, this::publish, this::ran, setup.journal(), effects::dispatch),
                new AutomationEngine.Options(new SunClock(at.latitude(), at.longitude(), scheduler.zone()),
                        setup.automation().maxRunsPerSecond()));
        this.startup = new StartupGate(setup.realTime(), this::arm, this::onMessage, effects::handled);
        this.waiting = new WaitingAutomations(engine, registry, scheduler);
        this.mqttTriggers = new MqttTriggerTopics(engine, effects);
        this.events = new EventDispatch(effects, engine, setup.meters());
        this.routing = new MessageRouting(new MessageRouting.Parts(registry, discovery, presence, commands, engine),
                scheduler, effects, this::dispatch, ids -> restoredStates.restore(registry, ids), this::devicesAdded);
    }

    /** Automations that wait for devices discovery has not found yet (before {@link #start}). */
    public void awaitDevices(AwaitedAutomations awaited) {
        this.awaitedAtStart = awaited;
    }

    /** The automations, running and waiting for devices, as the API lists them; call on the loop's thread. */
    public List<AutomationQuery.Info> automations() {
        return engine.list(waiting.infos());
    }

    /** Puts back what the database held, and starts waiting for device state before triggers arm. */
    public void start(Restored restored) {
        this.restored = restored;
        this.restoredStates = new RestoredStates(restored.states());
        int n = restoredStates.restore(registry, registry.specs().stream().map(DeviceSpec::id).toList());
        helpers.start();
        waiting.start(awaitedAtStart);
        mqttTriggers.follow();
        log.info("Restored {} device values and {} pending timers from the database", n, restored.timers().size());
        startup.start();
    }

    /**
     * What the MQTT bridge received, in the order it happened on the connection: retained state is applied at once,
     * events wait for the triggers to arm and then run in order ({@link StartupGate}).
     */
    public void receive(Inbound inbound) {
        startup.receive(inbound, this::onMessage);
    }

    /** The broker link came up or went down. */
    public void connectionChanged(boolean connected) {
        if (startup.connectionChanged(connected)) return;
        engine.onGatewayEvent(connected ? GatewayTrigger.Event.CONNECTION_RESTORED : GatewayTrigger.Event.CONNECTION_LOST);
    }

    /**
     * A command from outside the engine (the API): completes when the broker has it, fails if the device cannot take
     * it. A helper's is applied at once, its changes run now.
     */
    public CompletionStage<Void> command(CommandRequested command) {
        routing.applyDiscovered(); // a device discovered in a burst not applied yet is known to the command
        if (!helpers.handles(command.device())) return commands.send(command);
        try {
            dispatch(helpers.set(command));
            return CompletableFuture.completedFuture(null);
        } catch (Helper.Refused e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A command from a run: a helper's value is set at once (the run's next steps see it), and the change is offered
     * to the triggers on the next turn, after the run has taken its step, as a device's echo would be.
     */
    private void fromAutomation(CommandRequested command) {
        if (!helpers.handles(command.device())) {
            commands.send(command);
            return;
        }
        try {
            List<DeviceEvent> events = helpers.set(command);
            if (!events.isEmpty()) scheduler.schedule(Duration.ZERO, () -> dispatch(events));
        } catch (Helper.Refused e) {
            HomeLog.helperRefused(command.origin(), command.device(), e.getMessage());
        }
    }

    /** What ended the start-up barrier; empty while it holds. Any thread may ask. */
    public Optional<StartupBarrier.Arming> armedBy() {
        return startup.armedBy();
    }

    /** The automations, for queries and hot reload; call on the loop's thread. */
    public AutomationEngine engine() {
        return engine;
    }

    /** The running automations, as hot reload replaces them; call on the loop's thread. */
    public AutomationReloader.Running running() {
        return new RunningAutomations(engine, waiting, registry, mqttTriggers::follow);
    }

    private void onMessage(InboundMessage m) {
        try {
            apply(m);
        } finally {
            // Commands this message caused were published above, so they reach the outbox before this does.
            if (m.ackToken() != 0) effects.handled(m.ackToken());
        }
    }

    private void apply(InboundMessage m) {
        routing.apply(m);
    }

    /** Automations waiting for discovered devices may start now, and listen to their mqtt triggers' topics. */
    private void devicesAdded() {
        waiting.devicesAdded();
        mqttTriggers.follow();
    }

    /** What changed in the registry goes out and to the triggers, in order. */
    private void dispatch(List<DeviceEvent> changes) {
        events.dispatch(changes);
    }

    /** Triggers arm: restored timers and clock checks go on; returns how many automations armed. */
    private int arm() {
        engine.arm(restored.timers(), restored.clocks());
        helpers.arm();
        return automations;
    }

    /** Raw publications from automations go the same way as commands: through the bridge, acknowledged by the broker. */
    private void publish(Publication p) {
        // A raw publish is how automations drive devices the registry does not know: it is a command.
        effects.publish(p.withKind(Publication.Kind.COMMAND)).whenComplete((ok, e) -> {
            if (e != null && !(Commands.cause(e) instanceof PublishRefused)) {
                log.warn("Publication to {} not delivered: {}", p.topic(), Commands.cause(e).getMessage());
            }
        });
    }

    /** The trace of a notification's or HTTP call's delivery, from the notify feature: kept with its automation's runs. */
    public void delivered(AutomationRun trace) {
        engine.traced(trace);
    }

    private void commandFailed(CommandFailed failed) {
        effects.commandFailed(failed);
        engine.onCommandFailed(failed.device());
    }

    private void ran(AutomationRun run) {
        HomeLog.ran(run);
        effects.ran(run);
    }
}
