package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.config.MqttSettings;
import dev.hearth.gateway.outbox.DeadLetter;
import dev.hearth.gateway.outbox.Outbox;
import dev.hearth.gateway.outbox.OutboxMeters;
import io.micrometer.core.instrument.MeterRegistry;
import dev.hearth.gateway.outbox.OutboxSettings;
import dev.hearth.gateway.outbox.OutboxStatus;
import dev.hearth.gateway.outbox.OutboxStore;
import dev.hearth.gateway.outbox.UplinkSettings;
import dev.hearth.gateway.time.VertxScheduler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.time.Clock;
import java.util.List;

/**
 * Adapter between the event bus and the broker: inbound messages go to {@link Addresses#MQTT_INBOUND},
 * requests on {@link Addresses#MQTT_PUBLISH} go through the durable {@link Outbox} and are answered on
 * PUBACK. Also answers the outbox's status and dead-letter requests.
 */
public final class MqttBridge extends VerticleBase {
    private final MqttSettings settings;
    private final List<String> topics;
    private final OutboxStore store;
    private final OutboxSettings outboxSettings;
    private final Clock clock;
    private MqttLink link;
    private final MeterRegistry meters;
    private final java.util.Optional<UplinkSettings> forwards;
    private Outbox outbox;

    public MqttBridge(MqttSettings settings, List<String> topics, OutboxStore store, OutboxSettings outboxSettings, Clock clock,
                      MeterRegistry meters) {
        this.forwards = outboxSettings.uplink();
        this.meters = meters;
        this.settings = settings;
        this.topics = List.copyOf(topics);
        this.store = store;
        this.outboxSettings = outboxSettings;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        link = new MqttLink(vertx, context, new VertxScheduler(vertx, context, Clock.systemUTC()), settings, topics,
                // An embedded broker has just started with the gateway and its devices are still reconnecting: the
                // core's fixed settle time applies (a marker would end the barrier before any device is back).
                !settings.embedded(),
                m -> {
                    bus.send(Addresses.MQTT_INBOUND, m);
                    if (m instanceof InboundMessage message && forwards.isPresent() && forwards.get().rewrite(message.topic()).isPresent()) {
                        bus.send(Addresses.UPLINK_FORWARD, message);
                    }
                },
                c -> {
                    if (c.connected()) outbox.onReady();
                    bus.publish(Addresses.MQTT_CONNECTION, c);
                });
        outbox = new Outbox(vertx, store, link, outboxSettings, clock, "broker");
        OutboxMeters.register(meters, "broker", outbox, store.database());
        return outbox.start().onSuccess(v -> {
            bus.<Publication>consumer(Addresses.MQTT_PUBLISH, msg -> outbox.submit(msg.body()).delivered()
                    .onSuccess(x -> msg.reply(null))
                    .onFailure(e -> msg.fail(1, e.getMessage())));
            bus.<InboundMessage.Handled>consumer(Addresses.MQTT_INBOUND_HANDLED,
                    msg -> outbox.committedSoFar().onComplete(r -> link.ack(msg.body().ackToken())));
            bus.<SubscriptionRequest>consumer(Addresses.MQTT_SUBSCRIBE, msg -> link.addTopics(msg.body().filters()));
            bus.<OutboxStatus.Query>consumer(Addresses.OUTBOX_STATUS, msg -> msg.reply(outbox.status()));
            bus.<DeadLetter.Request>consumer(Addresses.OUTBOX_DEAD_LETTERS, this::onDeadLetters);
            link.start();
        });
    }

    private void onDeadLetters(Message<DeadLetter.Request> msg) {
        Future<List<DeadLetter>> result = msg.body() instanceof DeadLetter.Retry retry
                ? outbox.retry(retry.ids())
                : outbox.deadLetterList();
        result.onSuccess(list -> msg.reply(new DeadLetter.Listing(list))).onFailure(e -> msg.fail(500, e.getMessage()));
    }

    @Override
    public Future<?> stop() {
        return link.stop().transform(r -> outbox.stop());
    }

    /** True while the broker connection is up. Read from the bridge's context or for status only. */
    public boolean connected() {
        return link != null && link.connected();
    }

    /** Connected and subscribed: what readiness checks and tests wait for. */
    public boolean ready() {
        return link != null && link.ready();
    }

    /** How many times the bridge has connected since it started. */
    public int connects() {
        return link == null ? 0 : link.connects();
    }
}
