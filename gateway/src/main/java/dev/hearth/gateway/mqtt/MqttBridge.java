package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.RetainedSettled;
import dev.hearth.gateway.message.SubscriptionRequest;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.outbox.DeadLetter;
import dev.hearth.gateway.outbox.Outbox;
import dev.hearth.gateway.outbox.OutboxMeters;
import dev.hearth.gateway.outbox.OutboxQueue;
import io.micrometer.core.instrument.MeterRegistry;
import dev.hearth.gateway.outbox.OutboxSettings;
import dev.hearth.gateway.outbox.OutboxStatus;
import dev.hearth.gateway.outbox.OutboxStore;
import dev.hearth.gateway.uplink.UplinkSettings;
import dev.hearth.gateway.time.VertxScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Adapter between the event bus and the broker: inbound messages go to {@link Addresses#MQTT_INBOUND},
 * requests on {@link Addresses#MQTT_PUBLISH} go through the durable {@link Outbox} and are answered on
 * PUBACK. Also answers the outbox's status and dead-letter requests. In the gateway the core bypasses the
 * event bus for all three ({@link #handingInboundTo}, {@link #commandPath()}): on one event loop, a direct
 * call does what a message would, without the bus's per-message work.
 */
public final class MqttBridge extends VerticleBase {
    private final MqttSettings settings;
    private final List<String> topics;
    private final OutboxStore store;
    private final OutboxSettings outboxSettings;
    private final Clock clock;
    private MqttLink link;
    private final MeterRegistry meters;
    private java.util.Optional<UplinkSettings> forwards = java.util.Optional.empty();
    private Outbox outbox;
    private final OutboxQueue.Window window;
    /** Where inbound messages go, called on Paho's callback thread; the event bus unless the gateway wires the core in. */
    private Consumer<Inbound> inbound;
    private final List<Consumer<InboundMessage>> observers = new CopyOnWriteArrayList<>();
    /** The bridge's event-loop thread, once started: the only thread that touches the outbox and the link. */
    private volatile Thread loop;
    /** Publications and acknowledgements that came while the outbox was still starting, in order; on the loop only. */
    private final List<Runnable> beforeOutbox = new java.util.ArrayList<>();
    private boolean outboxStarted;

    public MqttBridge(MqttSettings settings, List<String> topics, OutboxStore store, OutboxSettings outboxSettings, Clock clock,
                      MeterRegistry meters) {
        this(settings, topics, store, outboxSettings, clock, meters, OutboxQueue.Window.DEFAULT);
    }

    /** With the outbox's rows in memory bounded by {@code window} (the rest of a backlog waits on disk only). */
    public MqttBridge(MqttSettings settings, List<String> topics, OutboxStore store, OutboxSettings outboxSettings, Clock clock,
                      MeterRegistry meters, OutboxQueue.Window window) {
        this.window = window;
        this.meters = meters;
        this.settings = settings;
        this.topics = List.copyOf(topics);
        this.store = store;
        this.outboxSettings = outboxSettings;
        this.clock = clock;
    }

    /**
     * Hands inbound messages (and {@link RetainedSettled}, in connection order) to {@code sink} on Paho's callback
     * thread instead of sending them on {@link Addresses#MQTT_INBOUND}; the sink must only hand over. Call before deploying.
     */
    public MqttBridge handingInboundTo(Consumer<Inbound> sink) {
        this.inbound = sink;
        return this;
    }

    /** Sends local messages on the topics the uplink forwards to {@link Addresses#UPLINK_FORWARD}. Call before deploying. */
    public MqttBridge forwardingTo(UplinkSettings uplink) {
        this.forwards = java.util.Optional.of(uplink);
        return this;
    }

    /** Also shows every inbound message to {@code observer}, on Paho's callback thread (it must return at once): diagnostics, tests. */
    public void observeInbound(Consumer<InboundMessage> observer) {
        observers.add(observer);
    }

    /**
     * The outbox without the event bus, for a core on the same event loop: called there, a publication is queued
     * (and usually handed to the broker) before the call returns; from any other thread it hops to the bridge's loop,
     * in call order. Fails a publication made before the bridge started, as a request with no consumer would.
     */
    public CommandPath commandPath() {
        return new CommandPath() {
            @Override
            public Future<Void> publish(Publication publication) {
                if (loop == null) return Future.failedFuture("the MQTT bridge has not started");
                if (Thread.currentThread() == loop) return submit(publication);
                Promise<Void> delivered = Promise.promise();
                context.runOnContext(v -> submit(publication).onComplete(delivered));
                return delivered.future();
            }

            @Override
            public void handled(long ackToken) {
                if (loop == null) return;
                if (Thread.currentThread() == loop) acknowledgeWhenSafe(ackToken);
                else context.runOnContext(v -> acknowledgeWhenSafe(ackToken));
            }
        };
    }

    @Override
    public Future<?> start() {
        loop = Thread.currentThread();
        EventBus bus = vertx.eventBus();
        Consumer<Inbound> sink = inbound != null ? inbound : m -> bus.send(Addresses.MQTT_INBOUND, m);
        link = new MqttLink(vertx, context, new VertxScheduler(vertx, context, Clock.systemUTC()), settings, topics,
                // An embedded broker has just started with the gateway and its devices are still reconnecting: the
                // core's fixed settle time applies (a marker would end the barrier before any device is back).
                !settings.embedded(),
                m -> {
                    sink.accept(m);
                    if (!(m instanceof InboundMessage message)) return;
                    observers.forEach(o -> o.accept(message));
                    if (forwards.isPresent() && forwards.get().rewrite(message.topic()).isPresent()) {
                        bus.send(Addresses.UPLINK_FORWARD, message);
                    }
                },
                c -> {
                    if (c.connected()) outbox.onReady();
                    bus.publish(Addresses.MQTT_CONNECTION, c);
                });
        outbox = new Outbox(vertx, store, link, outboxSettings, clock, "broker", java.util.Optional.empty(), window);
        OutboxMeters.register(meters, "broker", outbox, store.database());
        bus.<Publication>consumer(Addresses.MQTT_PUBLISH, msg -> submit(msg.body())
                .onSuccess(x -> msg.reply(null))
                .onFailure(e -> msg.fail(1, e.getMessage())));
        bus.<InboundMessage.Handled>consumer(Addresses.MQTT_INBOUND_HANDLED, msg -> acknowledgeWhenSafe(msg.body().ackToken()));
        bus.<SubscriptionRequest>consumer(Addresses.MQTT_SUBSCRIBE, msg -> link.addTopics(msg.body().filters()));
        // The broker's round trips (connect, subscribe, retained states) overlap the outbox's reading of what a previous
        // run left: what the core publishes or acknowledges meanwhile waits for it, in order.
        link.start();
        return outbox.start()
                .onSuccess(v -> {
                    outboxStarted = true;
                    beforeOutbox.forEach(Runnable::run);
                    beforeOutbox.clear();
                    bus.<OutboxStatus.Query>consumer(Addresses.OUTBOX_STATUS, msg -> msg.reply(outbox.status()));
                    bus.<DeadLetter.Request>consumer(Addresses.OUTBOX_DEAD_LETTERS, this::onDeadLetters);
                })
                .onFailure(e -> link.stop());
    }

    private Future<Void> submit(Publication publication) {
        if (outboxStarted) return outbox.submit(publication).delivered();
        Promise<Void> delivered = Promise.promise();
        beforeOutbox.add(() -> outbox.submit(publication).delivered().onComplete(delivered));
        return delivered.future();
    }

    /** The broker gets its PUBACK once everything submitted so far (the message's commands among it) is safe. */
    private void acknowledgeWhenSafe(long ackToken) {
        if (!outboxStarted) {
            beforeOutbox.add(() -> acknowledgeWhenSafe(ackToken));
            return;
        }
        outbox.committedSoFar().onComplete(r -> link.ack(ackToken));
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
