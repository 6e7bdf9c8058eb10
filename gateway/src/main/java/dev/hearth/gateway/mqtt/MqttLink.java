package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.Delivery;
import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.RetainedSettled;
import dev.hearth.gateway.message.Transport;
import dev.hearth.gateway.time.Scheduler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The gateway's connection to a broker: connects, and reconnects on its own schedule (Paho's own loop never
 * recovers from a failed first connect, #930, and ignores its delay settings, #864); subscribes through
 * {@link Subscriptions}; publishes within the broker's window through {@link Publisher}; hands inbound
 * messages over and acknowledges them when told ({@link #ack}). Every (re)connect uses a fresh Paho client
 * with in-memory persistence, so Paho never resends a message after a reconnect (its resend uses a stale
 * topic alias and loops, #1104); the publisher resends instead. All state is confined to one Vert.x
 * context; Paho's threads only hand events over.
 */
public final class MqttLink implements Transport {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    static {
        PahoLog.install();
    }

    private final Vertx vertx;
    private final Context context;
    private final MqttSettings settings;
    private final Consumer<Inbound> inbound;
    /** The link's own topic for the marker that tells when retained messages have all arrived; empty without one. */
    private final Optional<String> settleTopic;
    private final Consumer<ConnectionChanged> connectionChanges;
    private final Consumer<ConnectionChanged> connectFailures;
    private final Publisher publisher;
    private final Subscriptions subscriptions;
    private final ReconnectPolicy reconnect;
    /** Times the reconnect attempts; its tasks only hand over to the link's context. */
    private final Scheduler scheduler;
    /**
     * The current Paho client's threads (spares each connect Paho's ~300 ms of start-up naps). One pool per client,
     * shut down with it: a client whose connect failed can keep loops parked, and after a dozen failed attempts a
     * shared pool had no thread left for the next client, which then never connected.
     */
    private volatile QuickStartExecutor pahoThreads;

    /** What a connection's callback reports back, on the link's context. */
    private final InboundCallback.Link events = new InboundCallback.Link() {
        @Override
        public void lost(int generation, String reason) {
            onLinkLost(generation, reason);
        }

        @Override
        public void ack(long token) {
            MqttLink.this.ack(token);
        }
    };

    /** The current client, connecting or connected; null between attempts and once stopped. */
    private MqttAsyncClient client;
    /** The keep-alive of the newest client; read by the watchdog. */
    private volatile PromptPingSender keepAliveChecks;
    /** The current client once connected; null while connecting, down or stopped. */
    private Session session;
    /** The settle marker's payload for the current connection. */
    private byte[] settleNonce = new byte[0];
    /** The current connection's inbound messages not yet acknowledged. */
    private InboundWindow window = new InboundWindow(PahoOptions.INBOUND_RECEIVE_MAXIMUM, "");
    private int generation;
    private volatile boolean connected;
    private volatile boolean ready;
    private boolean stopped;
    private Scheduler.Cancellable reconnectTimer;
    /** Real time on purpose, like Paho's keep-alive: it bounds a network round trip, not the home's time. */
    private long connectTimer = -1;
    private volatile int connects;
    private int failedAttempts;
    /** Why the last attempt failed, told once until the reason changes or a connection succeeds. */
    private String lastFailure = "";
    private long lastFailureLog;

    /** With {@code markSettled}, a {@link RetainedSettled} follows the retained messages of every connection. */
    public MqttLink(Vertx vertx, Context context, Scheduler scheduler, MqttSettings settings, List<String> topics, boolean markSettled,
                    Consumer<Inbound> inbound, Consumer<ConnectionChanged> connectionChanges) {
        this(vertx, context, scheduler, settings, topics, markSettled, inbound, connectionChanges, c -> { });
    }

    /**
     * As above; {@code connectFailures} hears why an attempt to connect failed (connected false), once per reason in a
     * row of failures, so that a dashboard can say "connection refused" while the link stays down.
     */
    public MqttLink(Vertx vertx, Context context, Scheduler scheduler, MqttSettings settings, List<String> topics, boolean markSettled,
                    Consumer<Inbound> inbound, Consumer<ConnectionChanged> connectionChanges,
                    Consumer<ConnectionChanged> connectFailures) {
        this.connectFailures = connectFailures;
        this.vertx = vertx;
        this.scheduler = scheduler;
        this.context = context;
        this.settings = settings;
        this.settleTopic = markSettled ? Optional.of(settings.baseTopic() + "/settle") : Optional.empty();
        List<String> filters = new ArrayList<>();
        settleTopic.ifPresent(filters::add);
        filters.addAll(topics);
        this.subscriptions = new Subscriptions(context, filters);
        this.publisher = new Publisher(context);
        this.inbound = inbound;
        this.connectionChanges = connectionChanges;
        this.reconnect = new ReconnectPolicy(settings.reconnectMin(), settings.reconnectMax(), settings.fullJitter());
    }

    /** Starts connecting; does not wait for the broker, which may come up later. Call on the link's context. */
    public void start() {
        connect();
    }

    @Override
    public Future<Delivery> send(Publication p, Optional<Instant> expiresAt) {
        return publisher.send(p, expiresAt);
    }

    /** True while the broker connection is up; readable from any thread. */
    public boolean connected() {
        return connected;
    }

    /** Connected and every subscription confirmed: sensor messages reach us or wait in our session. */
    @Override
    public boolean ready() {
        return ready;
    }

    /**
     * What keeps the link from working while it reports itself up, if anything: Paho's receiver loop ended (the
     * broker's packets are no longer read) or its keep-alive no longer checked (a dead broker would go unnoticed).
     * For the watchdog, from any thread.
     */
    public Optional<String> stalled(long nowNanos) {
        PromptPingSender checks = keepAliveChecks;
        if (!connected || checks == null) return Optional.empty();
        QuickStartExecutor threads = pahoThreads;
        if (threads == null || !threads.receiverRunning()) return Optional.of("MQTT receiver thread stopped while the link to " + settings.url() + " is up");
        long unchecked = nowNanos - checks.lastCheckNanos();
        if (unchecked <= 2 * settings.keepAlive().toNanos()) return Optional.empty();
        return Optional.of("MQTT keep-alive not checked for " + TimeUnit.NANOSECONDS.toSeconds(unchecked)
                + " s while the link to " + settings.url() + " is up");
    }

    /** How many times the link has connected since it started; readable from any thread. */
    public int connects() {
        return connects;
    }

    /**
     * Adds topic filters and drops others: subscribed (or unsubscribed) now if the link is up, and on every connection
     * from now on; a filter stays while anyone still asks for it. Call on the link's context.
     */
    public void changeTopics(List<String> added, List<String> dropped) {
        subscriptions.change(added, dropped);
    }

    private void connect() {
        reconnectTimer = null;
        if (stopped) return;
        int gen = ++generation;
        try {
            pahoThreads = new QuickStartExecutor("hearth-paho");
            keepAliveChecks = new PromptPingSender(pahoThreads, settings.keepAlive());
            client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence(), keepAliveChecks, pahoThreads);
            settleNonce = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
            window = new InboundWindow(PahoOptions.INBOUND_RECEIVE_MAXIMUM, settings.url());
            client.setCallback(new InboundCallback(gen, settleTopic.map(t -> new InboundCallback.SettleMarker(t, settleNonce)),
                    settings.url(), inbound, context, events, window));
            // Inbound QoS 1 messages are acknowledged by ack(), once what they caused is on disk.
            client.setManualAcks(true);
            client.connect(PahoOptions.build(settings), null, Paho.onContext(context, t -> onConnected(gen, t),
                    e -> onConnectFailed(gen, e)));
            // Paho bounds only the TCP connect: a port that accepts and never answers CONNACK would hold it for ever.
            connectTimer = vertx.setTimer(settings.connectTimeout().toMillis(), t -> onConnectTimedOut(gen));
        } catch (MqttException | RuntimeException e) {
            onConnectFailed(gen, e);
        }
    }

    private void onConnectTimedOut(int gen) {
        if (gen != generation || session != null || stopped) return;
        onConnectFailed(gen, new TimeoutException("no CONNACK within " + settings.connectTimeout().toMillis() + " ms "
                + "(mqtt.connect_timeout): the port accepts connections but no broker answers"));
    }

    private void onConnected(int gen, IMqttToken token) {
        if (gen != generation || stopped) return;
        vertx.cancelTimer(connectTimer);
        session = new Session(client, gen);
        connected = true;
        connects++;
        failedAttempts = 0;
        lastFailure = "";
        reconnect.connected();
        MqttProperties props = token.getResponseProperties();
        int receiveMaximum = props == null || props.getReceiveMaximum() == null ? 65_535 : props.getReceiveMaximum();
        log.info("Connected to {} as {} (session {}, broker receive maximum {})", settings.url(), settings.clientId(),
                token.getSessionPresent() ? "resumed" : "new", receiveMaximum);
        publisher.opened(session, receiveMaximum);
        // The status belongs to this connection, so it bypasses the outbox: it is never replayed later.
        publisher.send(new Publication(settings.statusTopic(), PahoOptions.ONLINE.getBytes(StandardCharsets.UTF_8), 1, true), Optional.empty());
        publisher.pump();
        subscriptions.subscribeAll(session, this::becomeReady);
    }

    private void becomeReady() {
        ready = true;
        log.info("Ready: subscribed to {} topic filters on {}", subscriptions.size(), settings.url());
        connectionChanges.accept(new ConnectionChanged(true, settings.url(), "connected", Instant.now()));
        // QoS 0 and not retained: never queued in a session, never replayed; only this connection's nonce counts.
        settleTopic.ifPresent(t -> publisher.send(new Publication(t, settleNonce, 0, false), Optional.empty()));
    }

    private void onConnectFailed(int gen, Throwable e) {
        if (gen != generation) return;
        vertx.cancelTimer(connectTimer);
        failedAttempts++;
        long now = System.nanoTime();
        // During a long outage one line a minute is enough; the first failure is always shown.
        if (failedAttempts == 1 || now - lastFailureLog > FAILURE_LOG_INTERVAL_NANOS) {
            lastFailureLog = now;
            log.info("Cannot connect to {}: {}{}", settings.url(), Paho.describe(e),
                    failedAttempts > 1 ? " (" + failedAttempts + " attempts so far; still trying)" : "");
        }
        String reason = Paho.describe(e);
        if (!reason.equals(lastFailure)) {
            lastFailure = reason;
            connectFailures.accept(new ConnectionChanged(false, settings.url(), reason, Instant.now()));
        }
        dropClient();
        scheduleReconnect(reconnect.afterFailedConnect(e));
    }

    private void onLinkLost(int gen, String reason) {
        if (gen != generation || !connected) return;
        boolean wasReady = ready;
        connected = false;
        ready = false;
        publisher.closed();
        subscriptions.closed();
        log.info("Lost connection to {}: {}", settings.url(), reason);
        dropClient();
        if (wasReady) connectionChanges.accept(new ConnectionChanged(false, settings.url(), reason, Instant.now()));
        scheduleReconnect(reconnect.afterLinkLost());
    }

    private void scheduleReconnect(Duration delay) {
        if (stopped || reconnectTimer != null) return;
        reconnectTimer = scheduler.schedule(delay, () -> context.runOnContext(v -> connect()));
    }

    /** Closes the current Paho client off the event loop; its late callbacks are ignored by generation. */
    private void dropClient() {
        QuickStartExecutor oldThreads = pahoThreads;
        MqttAsyncClient old = takeClient();
        if (old == null) {
            if (oldThreads != null) oldThreads.shutdownNow();
            return;
        }
        vertx.executeBlocking(() -> {
            Paho.closeQuietly(old, 0);
            oldThreads.shutdownNow();
            return null;
        }, false);
    }

    /** The current client, connected or still connecting; the link has none after this. */
    private MqttAsyncClient takeClient() {
        MqttAsyncClient c = client;
        client = null;
        window.close();
        session = null;
        generation++;
        return c;
    }

    /** Stops reconnecting, says goodbye (status offline), and completes whatever was never acknowledged as stopped. */
    public Future<Void> stop() {
        stopped = true;
        if (reconnectTimer != null) reconnectTimer.cancel();
        vertx.cancelTimer(connectTimer);
        boolean wasConnected = connected;
        connected = false;
        ready = false;
        MqttAsyncClient last = takeClient();
        publisher.stop();
        subscriptions.closed();
        QuickStartExecutor lastThreads = pahoThreads;
        if (last == null) {
            if (lastThreads != null) lastThreads.shutdownNow();
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            if (wasConnected) Paho.sayOffline(last, settings.statusTopic());
            Paho.closeQuietly(last, 1000);
            lastThreads.shutdownNow();
            return null;
        }, false).mapEmpty();
    }

    /**
     * Acknowledges an inbound message to the broker. A message of an older connection is not acknowledged:
     * the broker sends it again on the resumed session, which is the point. Call on the link's context.
     */
    public void ack(long token) {
        if (token == 0 || client == null || AckTokens.generation(token) != generation) return;
        int messageId = AckTokens.messageId(token);
        try {
            client.messageArrivedComplete(messageId, AckTokens.qos(token));
            window.acknowledged(messageId);
        } catch (MqttException | RuntimeException e) {
            log.debug("Could not acknowledge inbound message {}: {}", messageId, e.getMessage());
        }
    }
}
