package dev.hearth.gateway.uplink;

import dev.hearth.gateway.mqtt.MqttLink;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.outbox.Outbox;
import dev.hearth.gateway.outbox.OutboxMeters;
import dev.hearth.gateway.outbox.OutboxSettings;
import dev.hearth.gateway.outbox.OutboxStore;
import dev.hearth.gateway.outbox.TokenBucket;
import dev.hearth.gateway.time.VertxScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The optional second connection, to an upstream (cloud) broker: local messages on forwarded topics
 * arrive on {@link Addresses#UPLINK_FORWARD}, are rewritten and go through their own durable outbox,
 * drained under a token bucket. The local home never waits for it: an uplink outage only fills its outbox.
 */
public final class UplinkBridge extends VerticleBase {
    private final UplinkSettings settings;
    private final OutboxStore store;
    private final OutboxSettings outboxSettings;
    private final Clock clock;
    private final MeterRegistry meters;
    private MqttLink link;
    private Outbox outbox;

    public UplinkBridge(UplinkSettings settings, OutboxStore store, OutboxSettings outboxSettings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.store = store;
        this.outboxSettings = outboxSettings;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public Future<?> start() {
        link = new MqttLink(vertx, context, new VertxScheduler(vertx, context, Clock.systemUTC()), settings.mqtt(), List.of(), false, m -> { }, c -> {
            if (c.connected()) outbox.onReady();
        });
        outbox = new Outbox(vertx, store, link, outboxSettings, clock, "uplink",
                Optional.of(new TokenBucket(settings.rate(), settings.burst(), clock.instant())));
        OutboxMeters.register(meters, "uplink", outbox, store.database());
        return outbox.start().onSuccess(v -> {
            vertx.eventBus().<InboundMessage>consumer(Addresses.UPLINK_FORWARD, m -> forward(m.body()));
            link.start();
        });
    }

    private void forward(InboundMessage m) {
        settings.rewrite(m.topic()).ifPresent(topic ->
                outbox.forward(new Publication(topic, m.payload(), 1, m.retained(), Publication.Kind.TELEMETRY, java.util.Map.of())));
    }

    @Override
    public Future<?> stop() {
        return link.stop().transform(r -> outbox.stop());
    }

    public boolean ready() {
        return link != null && link.ready();
    }
}
