package dev.hearth.gateway;

import dev.hearth.gateway.automation.Automation;
import dev.hearth.gateway.broker.EmbeddedBroker;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.core.CoreVerticle;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.mqtt.MqttBridge;
import dev.hearth.gateway.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The running gateway: optional embedded broker, core (registry + automations) and MQTT bridge.
 * Started in dependency order and stopped in reverse.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Optional<EmbeddedBroker> broker;
    private final Database database;
    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final CoreVerticle core;
    private final MqttBridge bridge;
    private boolean closed;

    private Gateway(Optional<EmbeddedBroker> broker, Database database, Vertx vertx, DeviceRegistry registry,
                    CoreVerticle core, MqttBridge bridge) {
        this.broker = broker;
        this.database = database;
        this.vertx = vertx;
        this.registry = registry;
        this.core = core;
        this.bridge = bridge;
    }

    /** Starts everything; returns once the gateway is running (the broker link may still be connecting). */
    public static Gateway start(GatewayConfig config, List<Automation> automations) {
        createDirectories(config);
        Database database = Database.open(config.dataDir(), config.durability());
        Optional<EmbeddedBroker> broker;
        try {
            broker = config.mqtt().embedded()
                    ? Optional.of(EmbeddedBroker.start(config.broker(), config.dataDir().resolve("broker")))
                    : Optional.empty();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4));
        try {
            LocalCodec.install(vertx.eventBus());
            DeviceRegistry registry = new DeviceRegistry(config.devices(), config.maxPayloadBytes());
            CoreVerticle core = new CoreVerticle(registry, automations, Clock.system(config.location().timeZone()), config.location());
            vertx.deployVerticle(core).await();
            MqttBridge bridge = new MqttBridge(config.mqtt(), subscriptions(registry, automations));
            vertx.deployVerticle(bridge).await();
            log.info("Hearth gateway '{}' started: {} devices, {} automations, broker {}", config.id(),
                    config.devices().size(), automations.size(), config.mqtt().url());
            return new Gateway(broker, database, vertx, registry, core, bridge);
        } catch (RuntimeException e) {
            vertx.close().await();
            broker.ifPresent(EmbeddedBroker::close);
            database.close();
            throw e;
        }
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

    public CoreVerticle core() {
        return core;
    }

    /** Device topics, plus the topic filters of MQTT triggers (for devices not in the registry). */
    private static List<String> subscriptions(DeviceRegistry registry, List<Automation> automations) {
        java.util.LinkedHashSet<String> topics = new java.util.LinkedHashSet<>(registry.routes().topics());
        automations.forEach(a -> a.triggers().forEach(t -> {
            if (t instanceof dev.hearth.gateway.automation.Trigger.Mqtt m) topics.add(m.topicFilter());
        }));
        return List.copyOf(topics);
    }

    /** Waits (off the event loop) until the broker link is up and subscribed and automations are armed; false on timeout. */
    public boolean awaitConnected(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!bridge.ready() || !core.armed()) {
            if (System.nanoTime() > deadline) return false;
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        return true;
    }

    public MqttBridge bridge() {
        return bridge;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Gateway did not stop cleanly: {}", e.toString());
        }
        broker.ifPresent(EmbeddedBroker::close);
        database.close();
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
