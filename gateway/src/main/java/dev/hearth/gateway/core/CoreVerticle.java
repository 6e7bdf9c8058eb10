package dev.hearth.gateway.core;

import dev.hearth.gateway.journal.AutomationJournal;
import dev.hearth.gateway.automation.trace.RecentTraces;
import dev.hearth.gateway.device.TopicRoutes;
import dev.hearth.gateway.commands.CommandConfirmations;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.commands.ConfirmationSettings;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.automation.load.AutomationReload;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.AutomationRuns;
import dev.hearth.gateway.automation.model.AutomationSettings;
import dev.hearth.gateway.automation.run.EngineJournal;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.model.GatewayTrigger;
import dev.hearth.gateway.automation.model.MqttTrigger;
import dev.hearth.gateway.time.Location;
import dev.hearth.gateway.history.HistorySettings;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.journal.AutomationStore;
import java.time.Instant;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.commands.CommandEncoder;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.outbox.CommandPath;
import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.RetainedSettled;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.SubscriptionRequest;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.gateway.time.VertxScheduler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The single writer of home state: device registry and automation engine share this verticle's
 * event loop, so changes are applied and evaluated in arrival order without locks.
 */
public final class CoreVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(CoreVerticle.class);
    private static final Logger stateLog = LoggerFactory.getLogger("hearth.state");
    /** One line per automation run: DEBUG (traces keep them), except failures. */
    private static final Logger runLog = LoggerFactory.getLogger("hearth.automation");
    /** The MQTT v5 user property that carries a command's correlation id (the same on every resend). */
    public static final String CORRELATION_ID = "correlation-id";

    /**
     * After the broker link first comes up, triggers arm once the retained messages have restored device state
     * ({@link RetainedSettled}), or after this long if that never comes: with the embedded broker, which started with the
     * gateway and whose devices are still reconnecting, or a broker that refuses the marker.
     */
    public static final Duration SETTLE = Duration.ofSeconds(1);
    /** Without a broker, clock triggers still arm after this long. */
    public static final Duration ARM_WITHOUT_BROKER = Duration.ofSeconds(15);
    /** How often the automations directory is checked for edits. */
    public static final Duration RELOAD_EVERY = Duration.ofSeconds(2);

    private final DeviceRegistry registry;
    private final List<Automation> automations;
    private final Clock clock;
    private final Location location;
    private final Optional<AutomationStore> store;
    private final Optional<Path> automationsDir;
    private AutomationReloader reloader;
    private final Timer evaluation;
    private final MeterRegistry meters;
    private final double acceleration;
    private AutomationEngine engine;
    private EngineJournal journal = EngineJournal.NONE;
    private Restored restored = new Restored(List.of(), List.of(), Map.of());
    private EventBus bus;
    private BurstPublisher<StateChanged> stateChanges;
    private BurstPublisher<AutomationRun> runs;
    private ConfirmationSettings confirmation = ConfirmationSettings.DEFAULTS;
    private AutomationSettings automationSettings = AutomationSettings.DEFAULTS;
    private Duration traceSaveEvery = HistorySettings.DEFAULTS.commitInterval();
    private CommandConfirmations confirmations;
    /** Set before deploying: the in-process path to the outbox. */
    private CommandPath commandPath;
    private volatile Optional<Arming> armed = Optional.empty();
    private long armTimer = -1;

    /** What ended the start-up barrier. */
    public enum Arming {
        /** The broker had delivered every retained message of the subscriptions. */
        RETAINED_SETTLED,
        /** {@link #SETTLE} passed after the link came up (the embedded broker, or a broker that refused the marker). */
        SETTLE_TIMEOUT,
        /** No broker within {@link #ARM_WITHOUT_BROKER}: clock triggers should run anyway. */
        NO_BROKER
    }

    public CoreVerticle(DeviceRegistry registry, List<Automation> automations, Clock clock) {
        this(registry, automations, new GatewayTime(clock, 1.0));
    }

    public CoreVerticle(DeviceRegistry registry, List<Automation> automations, GatewayTime time) {
        this(registry, automations, time, Setup.plain(time.clock().getZone()));
    }

    /**
     * Where the home is (sun times); with a store, device state, pending timers and clock checks survive restarts and
     * traces are kept; with an automations directory, edited files are reloaded while the gateway runs.
     */
    public record Setup(Location location, Optional<AutomationStore> store, Optional<Path> automationsDir, MeterRegistry meters) {
        public static Setup plain(java.time.ZoneId zone) {
            return new Setup(new Location(0, 0, zone), Optional.empty(), Optional.empty(),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        }
    }

    public CoreVerticle(DeviceRegistry registry, List<Automation> automations, GatewayTime time, Setup setup) {
        this.registry = registry;
        this.automations = List.copyOf(automations);
        this.clock = time.clock();
        this.acceleration = time.acceleration();
        this.location = setup.location();
        this.store = setup.store();
        this.automationsDir = setup.automationsDir();
        this.evaluation = Timer.builder("hearth.automation.evaluation")
                .description("Time the automation engine spends on one device event (matching, conditions, actions up to the first wait)")
                .register(setup.meters());
        this.meters = setup.meters();
    }

    /** What the database held at start. */
    private record Restored(List<AutomationStore.StoredState> states, List<EngineJournal.PendingTimer> timers,
                            Map<String, Instant> clocks) {
    }

    /** Gateway-wide automation settings (runaway protection); call before deploying. */
    public CoreVerticle withAutomationSettings(AutomationSettings settings) {
        this.automationSettings = settings;
        return this;
    }

    /**
     * How often the traces kept in memory are written to the database (the gateway uses {@code history.commit_interval}:
     * a power cut loses at most that much of history and of traces alike); call before deploying.
     */
    public CoreVerticle savingTracesEvery(Duration interval) {
        this.traceSaveEvery = interval;
        return this;
    }

    /** Closed-loop command settings; call before deploying. */
    public CoreVerticle confirmingCommands(ConfirmationSettings settings) {
        this.confirmation = settings;
        return this;
    }

    /**
     * Publishes commands and reports applied inbound messages through {@code path} (the broker outbox's in-process
     * path); call before deploying.
     */
    public CoreVerticle sendingThrough(CommandPath path) {
        this.commandPath = path;
        return this;
    }

    /**
     * Where the MQTT bridge hands inbound messages, from any thread (Paho's): each runs on the core's event loop, in
     * the order handed over. Call once deployed.
     */
    public Consumer<Inbound> inbound() {
        io.vertx.core.Context home = context;
        if (home == null) throw new IllegalStateException("the core is not deployed yet");
        return m -> home.runOnContext(v -> receive(m));
    }

    @Override
    public Future<?> start() {
        bus = vertx.eventBus();
        stateChanges = new BurstPublisher<>(bus, context, Addresses.DEVICE_STATE_CHANGED, StateChanges::new);
        runs = new BurstPublisher<>(bus, context, Addresses.AUTOMATION_RUN, AutomationRuns::new);
        confirmations = new CommandConfirmations(confirmation, new VertxScheduler(vertx, context, clock, acceleration),
                bound -> ThreadLocalRandom.current().nextLong(bound), this::commandFailed);
        confirmations.registerMeters(meters);
        if (store.isEmpty()) {
            startEngine();
            return Future.succeededFuture();
        }
        AutomationStore s = store.get();
        journal = new AutomationJournal(vertx, s, new VertxScheduler(vertx, context, clock), traceSaveEvery);
        return vertx.executeBlocking(() -> new Restored(s.states(), s.timers(), s.clocks())).map(r -> {
            restored = r;
            int n = 0;
            for (AutomationStore.StoredState st : r.states()) {
                if (registry.restore(new DeviceId(st.device()), st.attribute(), st.value(), st.lastChanged())) n++;
            }
            log.info("Restored {} device values and {} pending timers from the database", n, r.timers().size());
            startEngine();
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        stateChanges.flush();
        runs.flush();
        return journal instanceof AutomationJournal j ? j.flush() : Future.succeededFuture();
    }

    private void startEngine() {
        engine = new AutomationEngine(automations, new RegistryStateView(registry), new VertxScheduler(vertx, context, clock, acceleration),
                new AutomationEngine.Outputs(this::send, this::publish, this::ran, journal),
                new AutomationEngine.Options(new SunClock(location.latitude(), location.longitude(), clock.getZone()), automationSettings.maxRunsPerSecond()));
        bus.<ConnectionChanged>consumer(Addresses.MQTT_CONNECTION, m -> onConnection(m.body()));
        armTimer = vertx.setTimer(ARM_WITHOUT_BROKER.toMillis(), t -> arm(Arming.NO_BROKER));
        automationsDir.ifPresent(this::watch);
        bus.<CommandRequested>consumer(Addresses.DEVICE_COMMAND, this::onCommandRequest);
        bus.<AutomationQuery.ListAll>consumer(Addresses.AUTOMATION_LIST, m -> m.reply(new AutomationQuery.Listing(engine.list())));
        bus.<AutomationQuery.RecentRuns>consumer(Addresses.AUTOMATION_RUNS, m -> recentRuns(m.body())
                .onSuccess(runs -> m.reply(new AutomationQuery.Runs(runs))));
        bus.<AutomationQuery.Control>consumer(Addresses.AUTOMATION_CONTROL, this::onControl);
    }

    /**
     * The newest from the engine's memory, the older ones from the database: traces not saved yet are saved first,
     * so none is missing in between.
     */
    private Future<List<AutomationRun>> recentRuns(AutomationQuery.RecentRuns q) {
        List<AutomationRun> inMemory = engine.recentRuns(q.automation(), q.limit());
        if (store.isEmpty() || inMemory.size() >= q.limit()) return Future.succeededFuture(inMemory);
        Future<Void> saved = journal instanceof AutomationJournal j ? j.saveTraces() : Future.succeededFuture();
        return saved.transform(r -> new RecentTraces(vertx, store.get().traces()).complete(q.automation(), inMemory, q.limit()));
    }

    private void receive(Inbound inbound) {
        if (inbound instanceof InboundMessage message) onInbound(message);
        else if (inbound instanceof RetainedSettled) arm(Arming.RETAINED_SETTLED);
    }

    private void watch(Path dir) {
        reloader = new AutomationReloader(vertx, dir, new AutomationLoader(registry.specs()));
        reloader.baseline().onSuccess(v -> vertx.setPeriodic(RELOAD_EVERY.toMillis(), t -> reloader.scan().onSuccess(this::reload)));
    }

    private void reload(List<AutomationReloader.Change> changes) {
        for (AutomationReloader.Change c : changes) {
            List<String> clashes = c.automations().stream()
                    .filter(a -> engine.automation(a.id()).filter(old -> !old.file().equals(c.file())).isPresent())
                    .map(a -> a.source() + ":1: automation id '" + a.id() + "' is already defined in "
                            + engine.automation(a.id()).orElseThrow().source())
                    .toList();
            AutomationReload report = AutomationReloader.report(c, clashes);
            if (report.applied()) {
                engine.replaceFile(c.file(), c.automations());
                subscribeMqttTriggers(c.automations());
                log.info("Reloaded {}: {}", c.file(), report.automations());
            } else {
                report.problems().forEach(p -> log.error("{}", p));
                log.error("{} not reloaded ({} problems); its previous version keeps running", c.file(), report.problems().size());
            }
            reloader.handled(c);
            meters.counter("hearth.automation.reloads", "applied", Boolean.toString(report.applied())).increment();
            bus.publish(Addresses.AUTOMATION_RELOADED, report);
        }
    }

    /** A reloaded automation may listen to a topic the bridge was not subscribed to at start. */
    private void subscribeMqttTriggers(List<Automation> automations) {
        List<String> filters = automations.stream().flatMap(a -> a.triggers().stream())
                .filter(t -> t instanceof MqttTrigger).map(t -> ((MqttTrigger) t).topicFilter()).toList();
        if (!filters.isEmpty()) bus.send(Addresses.MQTT_SUBSCRIBE, new SubscriptionRequest(filters));
    }

    /** Whether the start-up barrier has passed and triggers are armed. */
    public boolean armed() {
        return armed.isPresent();
    }

    /** What ended the start-up barrier; empty while it holds. */
    public Optional<Arming> armedBy() {
        return armed;
    }

    private void onConnection(ConnectionChanged c) {
        if (c.connected() && armed.isEmpty()) {
            vertx.cancelTimer(armTimer);
            armTimer = vertx.setTimer(SETTLE.toMillis(), t -> arm(Arming.SETTLE_TIMEOUT));
        }
        if (armed.isPresent()) {
            engine.onGatewayEvent(c.connected() ? GatewayTrigger.Event.CONNECTION_RESTORED : GatewayTrigger.Event.CONNECTION_LOST);
        }
    }

    private void arm(Arming why) {
        if (armed.isPresent()) return;
        vertx.cancelTimer(armTimer);
        engine.arm(restored.timers(), restored.clocks());
        armed = Optional.of(why);
        log.info("Automations armed: {} ({})", automations.size(), switch (why) {
            case RETAINED_SETTLED -> "retained states settled";
            case SETTLE_TIMEOUT -> SETTLE.toMillis() + " ms after the broker link came up";
            case NO_BROKER -> "no broker within " + ARM_WITHOUT_BROKER.toSeconds() + " s";
        });
    }

    /** Raw publications from automations go the same way as commands: through the bridge, acknowledged by the broker. */
    private void publish(Publication p) {
        // A raw publish is how automations drive devices the registry does not know: it is a command.
        commandPath.publish(p.withKind(Publication.Kind.COMMAND))
                .onFailure(e -> log.warn("Publication to {} not delivered: {}", p.topic(), e.getMessage()));
    }

    /** The event loop that owns home state. */
    public io.vertx.core.Context context() {
        return context;
    }

    private void onInbound(InboundMessage m) {
        try {
            apply(m);
        } finally {
            // Commands this message caused were requested above, so they reach the outbox before this does.
            if (m.ackToken() != 0) commandPath.handled(m.ackToken());
        }
    }

    private void apply(InboundMessage m) {
        engine.onMqtt(m.topic(), m.payload());
        registry.routes().route(m.topic()).ifPresent(r -> engine.onDeviceSeen(r.device().id()));
        // State times are on the core's clock (the scenario clock in the demo), the one automations measure 'for:' with.
        List<DeviceEvent> events = registry.apply(m.topic(), m.payload(), clock.instant());
        confirmReported(m.topic());
        for (DeviceEvent event : events) {
            if (event instanceof StateChanged change) {
                logChange(change);
                stateChanges.add(change);
                if (journal instanceof AutomationJournal j) j.stateChanged(change);
                evaluation.record(() -> engine.onStateChanged(change));
            } else if (event instanceof AvailabilityChanged a) {
                stateLog.info("{} is {}", a.device(), a.current().name().toLowerCase());
                bus.publish(Addresses.DEVICE_AVAILABILITY_CHANGED, a);
                evaluation.record(() -> engine.onAvailabilityChanged(a));
            }
        }
    }

    /** DEBUG: a sensor flood would otherwise write a log line per message (see logging.LoggingDefaults). */
    private static void logChange(StateChanged change) {
        if (!stateLog.isDebugEnabled()) return;
        stateLog.debug("{}.{}: {} -> {}", change.device(), change.attribute(),
                change.previous().map(Object::toString).orElse("unknown"), change.value());
    }

    private void commandFailed(CommandFailed failed) {
        bus.publish(Addresses.DEVICE_COMMAND_FAILED, failed);
        if (engine != null) engine.onCommandFailed(failed.device());
    }

    /** A state report (changed or not) may be the echo a command waits for. */
    private void confirmReported(String topic) {
        registry.routes().route(topic).ifPresent(route -> {
            if (route instanceof TopicRoutes.StateDocument d) confirmations.onReport(d.device().id(), registry.state(d.device().id()));
            else if (route instanceof TopicRoutes.AttributeValue a) confirmations.onReport(a.device().id(), registry.state(a.device().id()));
        });
    }

    private void onControl(Message<AutomationQuery.Control> m) {
        AutomationQuery.Control c = m.body();
        boolean known = c instanceof AutomationQuery.SetEnabled s
                ? engine.setEnabled(s.automation(), s.enabled())
                : engine.triggerNow(c.automation());
        if (known) m.reply(null);
        else m.fail(404, "no automation '" + c.automation() + "'");
    }

    private void onCommandRequest(Message<CommandRequested> request) {
        sendCommand(request.body()).onSuccess(v -> request.reply(null)).onFailure(e -> request.fail(400, e.getMessage()));
    }

    /** Validates, encodes and hands a command to the MQTT bridge; completes when the broker has it. */
    private void send(CommandRequested command) {
        sendCommand(command);
    }

    private Future<Void> sendCommand(CommandRequested command) {
        Optional<DeviceSpec> device = registry.spec(command.device());
        if (device.isEmpty()) return Future.failedFuture("unknown device " + command.device());
        CommandEncoder.Encoded encoded = CommandEncoder.encode(device.get(), command.set());
        if (encoded instanceof CommandEncoder.Invalid invalid) {
            log.warn("Command from {} refused: {}", command.origin(), invalid.problems());
            return Future.failedFuture(String.join("; ", invalid.problems()));
        }
        String correlationId = correlationId();
        List<Publication> publications = ((CommandEncoder.Ok) encoded).publications().stream()
                .map(p -> p.withKind(Publication.Kind.COMMAND).withUserProperty(CORRELATION_ID, correlationId))
                .toList();
        Future<Void> acknowledged = publishAll(publications);
        confirmations.track(command, correlationId, () -> publishAll(publications));
        return acknowledged
                .onFailure(e -> log.warn("Command {} for {} not delivered: {}", command.set(), command.device(), e.getMessage()));
    }

    /**
     * A random (version 4) UUID from a fast generator: a correlation id only has to be unique, not secret, and
     * {@code UUID.randomUUID()} reads {@code /dev/urandom} under a lock (2 % of the core's time at saturation).
     */
    private static String correlationId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private Future<Void> publishAll(List<Publication> publications) {
        if (publications.size() == 1) return commandPath.publish(publications.get(0));
        List<Future<Void>> acks = publications.stream().map(commandPath::publish).toList();
        return Future.all(acks).mapEmpty();
    }

    private void ran(AutomationRun run) {
        if (run.outcome() == AutomationRun.Outcome.FAILED) {
            runLog.warn("Automation {} failed ({}): {} {}", run.automation(), run.trigger(), run.details(),
                    run.steps().stream().map(st -> st.action() + ": " + st.outcome()).toList());
        } else if (runLog.isDebugEnabled() && run.outcome() == AutomationRun.Outcome.RAN) {
            runLog.debug("Automation {} ran ({}): {}", run.automation(), run.trigger(), run.steps().stream().map(AutomationRun.Step::action).toList());
        } else if (runLog.isDebugEnabled()) {
            runLog.debug("Automation {} {} ({}): {} {}", run.automation(), run.outcome().name().toLowerCase(), run.trigger(), run.details(),
                    run.steps().stream().map(st -> st.action() + ": " + st.outcome()).toList());
        }
        runs.add(run);
    }
}
