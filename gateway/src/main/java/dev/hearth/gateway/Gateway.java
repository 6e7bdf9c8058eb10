package dev.hearth.gateway;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.broker.EmbeddedBrokers;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.device.DeviceOverride;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.discovery.Discovery;
import dev.hearth.gateway.discovery.DiscoverySettings;
import dev.hearth.gateway.discovery.DiscoverySource;
import dev.hearth.gateway.discovery.homeassistant.HomeAssistantSource;
import dev.hearth.gateway.discovery.tasmota.TasmotaSource;
import dev.hearth.gateway.announce.AnnounceSettings;
import dev.hearth.gateway.announce.HaAnnouncement;
import dev.hearth.gateway.announce.HaAnnouncer;
import dev.hearth.gateway.discovery.zigbee2mqtt.Zigbee2MqttSource;
import dev.hearth.gateway.history.HistoryRecorder;
import dev.hearth.gateway.logbook.LogbookRecorder;
import dev.hearth.gateway.home.HomeSettings;
import dev.hearth.gateway.home.HomeVerticle;
import dev.hearth.gateway.notify.NotifyVerticle;
import dev.hearth.gateway.history.HistoryStore;
import dev.hearth.gateway.metrics.GatewayMeters;
import dev.hearth.gateway.outbox.BrokerOutbox;
import dev.hearth.gateway.runtime.HearthVersion;
import dev.hearth.gateway.uplink.UplinkBridge;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.gateway.watchdog.LoopProbe;
import dev.hearth.gateway.watchdog.Watchdog;
import dev.hearth.gateway.web.HttpPortFile;
import dev.hearth.gateway.web.WebVerticle;
import dev.hearth.gateway.web.auth.AccessToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;

/**
 * The running gateway: optional embedded broker, home (registry + automations) and MQTT bridge.
 * Started in dependency order and stopped in reverse.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private final Closers opened;
    private final Database database;
    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final HomeVerticle home;
    private final BrokerOutbox bridge;
    private final GatewayMeters meters;
    private final WebVerticle web;
    private final AccessToken token;
    private boolean closed;

    private Gateway(Closers opened, Database database, Vertx vertx, GatewayMeters meters,
                    DeviceRegistry registry, HomeVerticle home, BrokerOutbox bridge, WebVerticle web, AccessToken token) {
        this.opened = opened;
        this.database = database;
        this.vertx = vertx;
        this.meters = meters;
        this.registry = registry;
        this.home = home;
        this.bridge = bridge;
        this.web = web;
        this.token = token;
    }

    /** Starts everything; returns once the gateway is running (the broker link may still be connecting). */
    public static Gateway start(GatewayConfig config, List<Automation> automations) {
        return start(config, automations, GatewayTime.system(config.location().timeZone()));
    }

    /** As {@link #start(GatewayConfig, List)}, on the given clock and pace (the demo and scenario checks). */
    public static Gateway start(GatewayConfig config, List<Automation> automations, GatewayTime time) {
        return start(config, automations, time, GatewayRuntime.prepare(config.id()));
    }

    /**
     * As {@link #start(GatewayConfig, List, GatewayTime)}, on a runtime already being built ({@link GatewayRuntime#prepare}
     * as soon as {@code gateway.yaml} was read): it is taken over, and closed if the start fails.
     */
    /** As {@link #start(GatewayConfig, List, GatewayTime)}, with automations that wait for devices discovery may bring. */
    public static Gateway start(GatewayConfig config, AutomationLoader.Loaded automations, GatewayTime time) {
        return start(config, automations, time, GatewayRuntime.prepare(config.id()));
    }

    static Gateway start(GatewayConfig config, List<Automation> automations, GatewayTime time, CompletableFuture<GatewayRuntime> preparing) {
        return start(config, new AutomationLoader.Loaded(automations, List.of()), time, preparing);
    }

    static Gateway start(GatewayConfig config, AutomationLoader.Loaded automations, GatewayTime time, CompletableFuture<GatewayRuntime> preparing) {
        Closers opened = new Closers();
        GatewayRuntime runtime = null;
        try {
            createDirectories(config);
            // Opened and migrated here while the runtime is built on its own thread: start-up is mostly class loading.
            GatewayStores stores = opened.push(GatewayStores.open(config));
            stores.database().recovered().ifPresent(what -> log.error("{}", what));
            if (config.mqtt().embedded()) opened.push(EmbeddedBrokers.startInstalled(config.broker(), config.dataDir().resolve("broker")));
            // Pushed last, so closed first: the verticles flush to the database and the broker while they stop.
            runtime = opened.push(GatewayRuntime.await(preparing));
            return deploy(config, automations, time, runtime, stores, opened);
        } catch (RuntimeException | Error e) {
            if (runtime == null) GatewayRuntime.discard(preparing);
            opened.closeAfter(e);
            throw e;
        }
    }

    private static Gateway deploy(GatewayConfig config, AutomationLoader.Loaded loaded, GatewayTime time, GatewayRuntime runtime,
                                  GatewayStores stores, Closers opened) {
        List<Automation> automations = loaded.automations();
        // Automations waiting for devices are logged once each by the home (WaitingAutomations), not once per device name.
        Vertx vertx = runtime.vertx();
        GatewayMeters meters = runtime.meters();
        Database database = stores.database();
        Clock clock = time.clock();
        DeviceRegistry registry = new DeviceRegistry(config.devices(), config.maxPayloadBytes());
        registry.hide(config.overrides().stream().filter(DeviceOverride::hidden).map(DeviceOverride::id).toList());
        registry.malformed().registerMeters(meters.registry());
        Discovery discovery = new Discovery(discoverySources(config.discovery(), config.id()), config.overrides(), registry);
        BrokerOutbox bridge = new BrokerOutbox(config.mqtt(), subscriptions(registry, discovery, automations, config), stores.outbox(),
                config.outbox(), Clock.systemUTC(), meters.registry());
        config.uplink().ifPresent(u -> bridge.forwardingTo(u::forwards));
        // Home and broker outbox share the one event loop: a motion event's command is applied, queued and handed to
        // Paho in one task, by direct calls (the bus carries only fan-out and queries).
        Optional<HaAnnouncer> announcer = announcer(config, bridge);
        HomeVerticle home = new HomeVerticle(registry, discovery, automations, new HomeSettings(time, config.location(), config.automation(),
                config.commands(), config.history().commitInterval(), Optional.of(config.automationsDir()), config.locals(),
                config.notifications().services().keySet(), announcer.map(HaAnnouncer::handedOn)),
                Optional.of(stores.automations()), bridge.commandPath(), meters.registry())
                .awaiting(config.automationLoader(), loaded.waiting());
        vertx.deployVerticle(home).await();
        // Before the bridge: the announcement follows the link's first connection.
        if (announcer.isPresent()) vertx.deployVerticle(announcer.get()).await();
        bridge.handingInboundTo(home.inbound());
        HistoryStore history = stores.history();
        // History before the bridge: every state change, the first retained ones included, gets its row.
        vertx.deployVerticle(new HistoryRecorder(history, config.history(), clock, meters.registry())).await();
        vertx.deployVerticle(new LogbookRecorder(stores.logbook(), config.history(), clock, registry::spec, meters.registry())).await();
        // The bridge connects while the dashboard and the uplink start: the first
        // actuation needs only the home and the bridge.
        List<Future<String>> rest = new ArrayList<>(List.of(vertx.deployVerticle(bridge)));
        AccessToken token = AccessToken.loadOrCreate(config.dataDir());
        Watchdog watchdog = watchdog(vertx, bridge, config.watchdog());
        WebVerticle web = new WebVerticle(new WebVerticle.Dependencies(config.http(), meters, database, registry,
                history, stores.logbook(), bridge::ready, watchdog::problem, token, clock, config.automationsDir(),
                config.notifications().services().keySet(), bridge::linkState, runtime.httpGate()));
        rest.add(vertx.deployVerticle(web));
        rest.add(vertx.deployVerticle(new NotifyVerticle(config.notifications(), Optional.of(stores.dispatches()), clock, meters.registry())));
        if (config.uplink().isPresent()) {
            rest.add(vertx.deployVerticle(new UplinkBridge(config.uplink().get(), stores.uplink().orElseThrow(),
                    config.outbox(), registry, Clock.systemUTC(), meters.registry())));
        }
        Future.all(rest).await();
        writePortFile(config, web.port());
        // Pushed after the runtime, so closed before it: a loop that stops must not look stuck.
        opened.push(watchdog.start());
        token.announce();
        log.info("Hearth gateway '{}' started: {} devices, {} automations, broker {}", config.id(),
                config.devices().size(), automations.size(), config.mqtt().url());
        return new Gateway(opened, database, vertx, meters, registry, home, bridge, web, token);
    }

    /**
     * The watchdog of the one event loop (core, outbox, history and web share it; see GatewayRuntime.EVENT_LOOPS:
     * a context made here lands on it) and of the broker link's receiver.
     */
    private static Watchdog watchdog(Vertx vertx, BrokerOutbox bridge, Watchdog.Settings settings) {
        LoopProbe loop = new LoopProbe("hearth-event-loop", vertx.getOrCreateContext(), System::nanoTime, settings.stallAfter());
        return new Watchdog(List.of(loop, bridge::stalled), settings, System::nanoTime,
                status -> Watchdog.exitProcess(status, settings.haltAfter()));
    }

    /** For the command line (`hearth traces`, `hearth dead-letters`) when http.port is 0; a gateway runs without it. */
    private static void writePortFile(GatewayConfig config, int port) {
        try {
            HttpPortFile.write(config.dataDir(), port);
        } catch (java.io.IOException e) {
            log.warn("Could not write {}: {}", config.dataDir().resolve(HttpPortFile.FILE_NAME), e.getMessage());
        }
    }

    /** The gateway's meter registry: features register their meters here (see docs/event-bus.md, "Metrics"). */
    public GatewayMeters meters() {
        return meters;
    }

    /** The HTTP port the dashboard and API listen on (the configured one, or the one picked for port 0). */
    public int httpPort() {
        return web.port();
    }

    /** Where the dashboard is, e.g. {@code http://127.0.0.1:8080/}. */
    public String dashboardUrl() {
        return web.url();
    }

    /** The dashboard's access token (signs in; API clients send it as {@code Authorization: Bearer}). */
    public AccessToken accessToken() {
        return token;
    }

    /** The dashboard and API. */
    public WebVerticle web() {
        return web;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Database database() {
        return database;
    }

    public DeviceRegistry registry() {
        return registry;
    }

    /** The home: device state and automations on their event loop. */
    public HomeVerticle home() {
        return home;
    }

    /** Hearth's own entities in Home Assistant, with {@code discovery.homeassistant.publish: true}. */
    private static Optional<HaAnnouncer> announcer(GatewayConfig config, BrokerOutbox bridge) {
        DiscoverySettings.HomeAssistant ha = config.discovery().homeAssistant();
        if (!ha.publish()) return Optional.empty();
        AnnounceSettings settings = new AnnounceSettings(ha.prefix(), config.id(), config.mqtt().baseTopic(), HearthVersion.version());
        return Optional.of(new HaAnnouncer(settings, p -> bridge.commandPath().publish(p)));
    }

    /** A fresh source for every discovery convention turned on (sources keep state: one set per running home). */
    private static List<DiscoverySource> discoverySources(DiscoverySettings settings, String gatewayId) {
        List<DiscoverySource> sources = new ArrayList<>();
        settings.zigbee2mqttBaseTopics().forEach(base -> sources.add(new Zigbee2MqttSource(base)));
        if (settings.tasmota().enabled()) sources.add(new TasmotaSource(settings.tasmota().prefix()));
        if (settings.homeAssistant().enabled()) {
            sources.add(new HomeAssistantSource(settings.homeAssistant().prefix(), !settings.zigbee2mqttBaseTopics().isEmpty(),
                    AnnounceSettings.nodeOf(gatewayId)));
        }
        return sources;
    }

    /** Device and discovery topics, plus the topic filters of MQTT triggers (for devices not in the registry). */
    private static List<String> subscriptions(DeviceRegistry registry, Discovery discovery, List<Automation> automations, GatewayConfig config) {
        java.util.LinkedHashSet<String> topics = new java.util.LinkedHashSet<>(registry.routes().topics());
        topics.addAll(discovery.topics());
        if (config.discovery().homeAssistant().publish()) {
            topics.addAll(HaAnnouncement.subscriptions(config.mqtt().baseTopic()));
        }
        topics.addAll(config.locals().people().topics());
        config.uplink().ifPresent(u -> topics.addAll(u.filters()));
        // Asked for apart from the rest (a filter may also be a device's topic): the home drops them when the automations go.
        List<String> all = new java.util.ArrayList<>(topics);
        automations.stream().flatMap(a -> a.triggers().stream()).filter(t -> t instanceof dev.hearth.gateway.automation.model.MqttTrigger)
                .map(t -> ((dev.hearth.gateway.automation.model.MqttTrigger) t).topicFilter()).distinct().forEach(all::add);
        return all;
    }

    /** Waits (off the event loop) until the broker link is up and subscribed and automations are armed; false on timeout. */
    public boolean awaitConnected(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!bridge.ready() || !home.armed()) {
            if (System.nanoTime() > deadline) return false;
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        return true;
    }

    public BrokerOutbox bridge() {
        return bridge;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        opened.closeAll();
        log.info("Hearth gateway stopped");
    }

    private static void createDirectories(GatewayConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
    }
}
