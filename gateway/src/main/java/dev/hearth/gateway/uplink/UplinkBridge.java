package dev.hearth.gateway.uplink;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.mqtt.MqttLink;
import dev.hearth.gateway.outbox.Outbox;
import dev.hearth.gateway.outbox.OutboxMeters;
import dev.hearth.gateway.outbox.OutboxSettings;
import dev.hearth.gateway.outbox.OutboxStore;
import dev.hearth.gateway.outbox.TokenBucket;
import dev.hearth.gateway.runtime.HearthVersion;
import dev.hearth.gateway.time.VertxScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional second connection, to an upstream (fleet) broker: local messages on forwarded topics arrive on
 * {@link Addresses#UPLINK_FORWARD}, are rewritten and go through their own durable outbox, drained under a token
 * bucket. The link's retained {@code status} (with a will) and the {@link HealthReporter}'s summary tell the fleet
 * how this gateway is; with {@code remote_control}, {@link RemoteCommands} takes commands from its {@code cmd/}
 * topics. The local home never waits for it: an uplink outage only fills its outbox.
 */
public final class UplinkBridge extends VerticleBase {
    private final UplinkSettings settings;
    private final OutboxStore store;
    private final OutboxSettings outboxSettings;
    private final DeviceRegistry registry;
    private final Clock clock;
    private final MeterRegistry meters;
    private MqttLink link;
    private Outbox outbox;
    private HealthReporter health;
    private Optional<RemoteCommands> remote = Optional.empty();

    public UplinkBridge(UplinkSettings settings, OutboxStore store, OutboxSettings outboxSettings, DeviceRegistry registry,
                        Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.store = store;
        this.outboxSettings = outboxSettings;
        this.registry = registry;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public Future<?> start() {
        FleetTopics topics = settings.topics();
        List<String> filters = settings.remoteControl().isPresent() ? List.of(topics.commands()) : List.of();
        link = new MqttLink(vertx, context, new VertxScheduler(vertx, context, Clock.systemUTC()), settings.mqtt(), filters, false,
                this::received, this::connectionChanged, c -> health.problem("uplink: " + c.reason()));
        outbox = new Outbox(vertx, store, link, outboxSettings, clock, "uplink",
                Optional.of(new TokenBucket(settings.rate(), settings.burst(), clock.instant())));
        OutboxMeters.register(meters, "uplink", outbox, store.database());
        health = new HealthReporter(vertx.eventBus(), registry, () -> outbox.status().queued(), link, settings,
                HearthVersion.version(), clock);
        health.register();
        remote = settings.remoteControl().map(allowed -> new RemoteCommands(vertx.eventBus(), registry, topics, allowed,
                new RemoteReplies(link, clock), clock, meters));
        remote.ifPresent(RemoteCommands::register);
        return outbox.start().onSuccess(v -> {
            vertx.eventBus().<InboundMessage>consumer(Addresses.UPLINK_FORWARD, m -> forward(m.body()));
            vertx.setPeriodic(settings.healthInterval().toMillis(), t -> health.tick());
            link.start();
        });
    }

    private void connectionChanged(ConnectionChanged c) {
        if (c.connected()) outbox.onReady();
        health.linkChanged(c);
    }

    /** Paho's thread: hands the message to the uplink's context; acknowledged once taken (a redelivery is recognised). */
    private void received(Inbound in) {
        if (!(in instanceof InboundMessage m)) return;
        context.runOnContext(v -> {
            if (remote.isPresent() && !m.retained()) remote.get().receive(m);
            link.ack(m.ackToken());
        });
    }

    private void forward(InboundMessage m) {
        settings.rewrite(m.topic()).ifPresent(topic ->
                outbox.forward(new Publication(topic, m.payload(), 1, m.retained(), Publication.Kind.TELEMETRY, Map.of())));
    }

    @Override
    public Future<?> stop() {
        return link.stop().transform(r -> outbox.stop());
    }

    public boolean ready() {
        return link != null && link.ready();
    }
}
