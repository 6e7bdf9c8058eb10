package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.load.AwaitedAutomations;
import dev.hearth.gateway.automation.load.AutomationReloader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.run.EngineJournal;
import dev.hearth.gateway.automation.run.StartupBarrier;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.discovery.Discovery;
import dev.hearth.gateway.journal.AutomationJournal;
import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.outbox.CommandPath;
import dev.hearth.gateway.time.Scheduler;
import dev.hearth.gateway.time.VertxScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Binds the {@link HomeLoop} to one event loop: inbound messages from the MQTT side run on it in the order handed
 * over, its publications go through the {@link CommandPath}, its fan-out and the answers to queries over the bus.
 * With a store, device state, pending timers and clock checks survive restarts and traces are kept.
 */
public final class HomeVerticle extends VerticleBase {
    private final DeviceRegistry registry;
    private final Discovery discovery;
    private final List<Automation> automations;
    private final HomeSettings settings;
    private final Optional<AutomationStore> store;
    private final CommandPath path;
    private final MeterRegistry meters;
    private volatile HomeLoop loop;
    private Optional<AutomationJournal> journal = Optional.empty();
    private HomeOutputs outputs;
    private Optional<AutomationLoader> loader = Optional.empty();
    private List<AutomationLoader.Waiting> waiting = List.of();

    public HomeVerticle(DeviceRegistry registry, Discovery discovery, List<Automation> automations, HomeSettings settings,
                        Optional<AutomationStore> store, CommandPath path, MeterRegistry meters) {
        this.registry = registry;
        this.discovery = discovery;
        this.automations = List.copyOf(automations);
        this.settings = settings;
        this.store = store;
        this.path = path;
        this.meters = meters;
    }

    /**
     * The gateway's automation loader (for hot reload and for checking waiting automations when devices appear) and
     * the automations that wait at start for devices discovery has not found yet. Call before deploying.
     */
    public HomeVerticle awaiting(AutomationLoader loader, List<AutomationLoader.Waiting> waiting) {
        this.loader = Optional.of(loader);
        this.waiting = List.copyOf(waiting);
        return this;
    }

    /** Where the MQTT side hands inbound messages, from any thread (Paho's): each runs on the home's event loop. Call once deployed. */
    public Consumer<Inbound> inbound() {
        Context home = context;
        if (home == null) throw new IllegalStateException("the home is not deployed yet");
        return m -> home.runOnContext(v -> loop.receive(m));
    }

    @Override
    public Future<?> start() {
        journal = store.map(s -> new AutomationJournal(vertx, s, realTime(), settings.traceSaveEvery()));
        outputs = new HomeOutputs(vertx.eventBus(), context, path, journal, meters, settings.handedOn());
        Future<HomeLoop.Restored> restored = store.isEmpty() ? Future.succeededFuture(HomeLoop.Restored.NOTHING)
                : vertx.executeBlocking(() -> new HomeLoop.Restored(store.get().states(), store.get().timers(), store.get().clocks()));
        return restored.map(r -> {
            startLoop(r);
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        outputs.flush();
        return journal.map(AutomationJournal::flush).orElse(Future.succeededFuture());
    }

    private void startLoop(HomeLoop.Restored restored) {
        HomeLoop home = new HomeLoop(registry, discovery, automations, new HomeLoop.Setup(
                new VertxScheduler(vertx, context, settings.time().clock(), settings.time().acceleration()), realTime(),
                settings.location(), settings.automation(), settings.commands(),
                journal.<EngineJournal>map(j -> j).orElse(EngineJournal.NONE), meters, settings.locals()), outputs);
        AwaitedAutomations awaited = new AwaitedAutomations(loader());
        waiting.stream().map(AutomationLoader.Waiting::file).distinct()
                .forEach(f -> awaited.await(f, waiting.stream().filter(w -> w.file().equals(f)).toList()));
        home.awaitDevices(awaited);
        home.start(restored);
        loop = home;
        vertx.eventBus().<ConnectionChanged>consumer(Addresses.MQTT_CONNECTION, m -> home.connectionChanged(m.body().connected()));
        vertx.eventBus().<AutomationRun>consumer(Addresses.NOTIFY_DELIVERED, m -> home.delivered(m.body()));
        new HomeQueries(vertx, home, store, journal).register(vertx.eventBus());
        settings.automationsDir().ifPresent(dir -> watch(dir, home));
    }

    /** Files are read on a worker thread (in order), edits applied on the home's event loop. */
    private void watch(Path dir, HomeLoop home) {
        Executor blocking = task -> vertx.executeBlocking(() -> {
            task.run();
            return null;
        });
        new AutomationReloader(dir, loader(), home.running(), outputs)
                .start(blocking, task -> context.runOnContext(v -> task.run()), realTime());
    }

    private AutomationLoader loader() {
        return loader.orElseGet(() -> new AutomationLoader(registry.specs(), settings.notifyServices()));
    }

    /** Timers on the wall clock's pace (the clock itself may be the scenario's): broker waits, file checks, trace saves. */
    private Scheduler realTime() {
        return new VertxScheduler(vertx, context, settings.time().clock());
    }

    /** Whether the start-up barrier has passed and triggers are armed. */
    public boolean armed() {
        return armedBy().isPresent();
    }

    /** What ended the start-up barrier; empty while it holds (and before the home has started). */
    public Optional<StartupBarrier.Arming> armedBy() {
        HomeLoop home = loop;
        return home == null ? Optional.empty() : home.armedBy();
    }

    /** The event loop that owns home state. */
    public Context context() {
        return context;
    }
}
