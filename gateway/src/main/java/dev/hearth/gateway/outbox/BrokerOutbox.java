package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.RetainedSettled;
import dev.hearth.gateway.message.SubscriptionRequest;
import dev.hearth.gateway.mqtt.MqttLink;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.time.VertxScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Store-and-forward to the gateway's broker: builds the {@link MqttLink} and the durable {@link Outbox} in
 * front of it, on one event loop. The home publishes and reports applied messages through
 * {@link #commandPath()} and gets inbound messages through {@link #handingInboundTo}: direct calls, no event
 * bus. The bus carries what fans out (connection changes on {@link Addresses#MQTT_CONNECTION}, messages for
 * the uplink on {@link Addresses#UPLINK_FORWARD}) and the requests this verticle answers
 * ({@link Addresses#MQTT_SUBSCRIBE}, {@link Addresses#OUTBOX_STATUS}, {@link Addresses#OUTBOX_DEAD_LETTERS}).
 */
public final class BrokerOutbox extends VerticleBase {
    private final MqttSettings settings;
    private final List<String> topics;
    private final OutboxStore store;
    private final OutboxSettings outboxSettings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final OutboxQueue.Window window;
    private Predicate<String> forwards = topic -> false;
    /** Where inbound messages go, called on Paho's callback thread; unset, they are acknowledged at once. */
    private Consumer<Inbound> inbound;
    private final List<Consumer<InboundMessage>> observers = new CopyOnWriteArrayList<>();
    private MqttLink link;
    /** The link as it is now, for status pages; changed on this verticle's context, read from any thread. */
    private volatile ConnectionChanged linkState;
    private Outbox outbox;
    /** Set once started: before that there is no outbox to publish into. */
    private volatile InProcessPath path;

    public BrokerOutbox(MqttSettings settings, List<String> topics, OutboxStore store, OutboxSettings outboxSettings, Clock clock,
                        MeterRegistry meters) {
        this(settings, topics, store, outboxSettings, clock, meters, OutboxQueue.Window.DEFAULT);
    }

    /** With the outbox's rows in memory bounded by {@code window} (the rest of a backlog waits on disk only). */
    public BrokerOutbox(MqttSettings settings, List<String> topics, OutboxStore store, OutboxSettings outboxSettings, Clock clock,
                        MeterRegistry meters, OutboxQueue.Window window) {
        this.settings = settings;
        this.topics = List.copyOf(topics);
        this.store = store;
        this.outboxSettings = outboxSettings;
        this.clock = clock;
        this.meters = meters;
        this.window = window;
        this.linkState = new ConnectionChanged(false, settings.url(), ConnectionChanged.CONNECTING, clock.instant());
    }

    /**
     * Hands inbound messages (and {@link RetainedSettled}, in connection order) to {@code sink} on Paho's callback
     * thread; the sink must only hand over, and report each message's token to {@link CommandPath#handled} once
     * applied. Call before deploying.
     */
    public BrokerOutbox handingInboundTo(Consumer<Inbound> sink) {
        this.inbound = sink;
        return this;
    }

    /** Sends local messages on the topics {@code uplink} forwards to {@link Addresses#UPLINK_FORWARD}. Call before deploying. */
    public BrokerOutbox forwardingTo(Predicate<String> uplink) {
        this.forwards = uplink;
        return this;
    }

    /** Also shows every inbound message to {@code observer}, on Paho's callback thread (it must return at once): diagnostics, tests. */
    public void observeInbound(Consumer<InboundMessage> observer) {
        observers.add(observer);
    }

    /**
     * The outbox without the event bus, for the home on the same event loop (see {@link InProcessPath}). Fails a
     * publication made before this verticle started.
     */
    public CommandPath commandPath() {
        return new CommandPath() {
            @Override
            public Future<Void> publish(Publication publication) {
                InProcessPath to = path;
                return to == null ? Future.failedFuture("the broker outbox has not started") : to.publish(publication);
            }

            @Override
            public void handled(long ackToken) {
                InProcessPath to = path;
                if (to != null) to.handled(ackToken);
            }
        };
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        // An embedded broker has just started with the gateway and its devices are still reconnecting: the
        // home's fixed settle time applies (a marker would end the barrier before any device is back).
        link = new MqttLink(vertx, context, new VertxScheduler(vertx, context, Clock.systemUTC()), settings, topics,
                !settings.embedded(), this::onInbound, this::onConnection,
                this::onConnectFailed);
        outbox = new Outbox(vertx, store, link, outboxSettings, clock, "broker", Optional.empty(), window);
        OutboxMeters.register(meters, "broker", outbox, store.database());
        InProcessPath starting = new InProcessPath(context, outbox, link::ack);
        path = starting;
        bus.<SubscriptionRequest>consumer(Addresses.MQTT_SUBSCRIBE, msg -> link.changeTopics(msg.body().filters(), msg.body().dropped()));
        // The broker's round trips (connect, subscribe, retained states) overlap the outbox's reading of what a previous
        // run left: what the home publishes or acknowledges meanwhile waits for it, in order.
        link.start();
        return outbox.start()
                .onSuccess(v -> {
                    starting.started();
                    bus.<OutboxStatus.Query>consumer(Addresses.OUTBOX_STATUS, msg -> msg.reply(outbox.status()));
                    bus.<DeadLetter.Request>consumer(Addresses.OUTBOX_DEAD_LETTERS, this::onDeadLetters);
                })
                .onFailure(e -> link.stop());
    }

    /** On Paho's callback thread: hands over and returns. */
    private void onInbound(Inbound m) {
        // PUBACKs go out in arrival order, whatever order the home handles messages in
        if (m instanceof InboundMessage arriving && arriving.ackToken() != 0) path.arrived(arriving.ackToken());
        if (inbound != null) inbound.accept(m);
        if (!(m instanceof InboundMessage message)) return;
        // Nothing applies it, so nothing it causes is to wait for.
        if (inbound == null && message.ackToken() != 0) path.handled(message.ackToken());
        observers.forEach(o -> o.accept(message));
        if (forwards.test(message.topic())) vertx.eventBus().send(Addresses.UPLINK_FORWARD, message);
    }

    private void onConnectFailed(ConnectionChanged attempt) {
        linkState = linkState.afterFailedAttempt(attempt);
        vertx.eventBus().publish(Addresses.MQTT_CONNECT_FAILED, attempt);
    }

    private void onConnection(ConnectionChanged c) {
        linkState = c;
        if (c.connected()) outbox.onReady();
        else path.connectionLost();
        vertx.eventBus().publish(Addresses.MQTT_CONNECTION, c);
    }

    private void onDeadLetters(Message<DeadLetter.Request> msg) {
        DeadLetter.Request request = msg.body();
        Future<List<DeadLetter>> result = request instanceof DeadLetter.Retry retry ? outbox.retry(retry.ids())
                : request instanceof DeadLetter.Drop drop ? outbox.drop(drop.ids())
                : outbox.deadLetterList();
        result.onSuccess(list -> msg.reply(new DeadLetter.Listing(list))).onFailure(e -> msg.fail(500, e.getMessage()));
    }

    @Override
    public Future<?> stop() {
        return link.stop().transform(r -> outbox.stop());
    }

    /**
     * The broker link as it is now: up since, or down since and why (the newest failed attempt's reason), from the
     * moment the gateway starts; readable from any thread.
     */
    public ConnectionChanged linkState() {
        return linkState;
    }

    /** True while the broker connection is up. Read from the outbox's context or for status only. */
    public boolean connected() {
        return link != null && link.connected();
    }

    /** Connected and subscribed: what readiness checks and tests wait for. */
    public boolean ready() {
        return link != null && link.ready();
    }

    /** What keeps the broker link from working while it reports itself up, if anything (see {@link MqttLink#stalled}). */
    public Optional<String> stalled(long nowNanos) {
        return link == null ? Optional.empty() : link.stalled(nowNanos);
    }

    /** How many times the link has connected since this verticle started. */
    public int connects() {
        return link == null ? 0 : link.connects();
    }
}
