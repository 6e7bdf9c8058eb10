package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.Delivery;
import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.RetainedSettled;
import dev.hearth.gateway.message.TopicFilter;
import dev.hearth.gateway.message.Transport;
import dev.hearth.gateway.time.Scheduler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The gateway's connection to the broker. Every (re)connect uses a fresh Paho client with in-memory
 * persistence, so Paho never resends a message after a reconnect (its resend uses a stale topic
 * alias and loops, #1104); unacknowledged messages are resent by {@link PublishWindow} instead.
 * All state is confined to one Vert.x context; Paho's threads only hand events over.
 */
public final class MqttLink implements Transport {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    private static final int QUEUE_CAPACITY = 100_000;
    private static final int SUBSCRIBE_BATCH = 100;
    private static final long FAILURE_LOG_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private record Outgoing(Publication publication, Optional<Instant> expiresAt, Promise<Delivery> done) {
    }

    private final Vertx vertx;
    private final Context context;
    private final MqttSettings settings;
    /** Grows when automations are reloaded; read and written on the link's context only. */
    private final List<String> topics;
    private final Consumer<Inbound> inbound;
    /** The link's own topic for the marker that tells when retained messages have all arrived; empty without one. */
    private final Optional<String> settleTopic;
    private final Consumer<ConnectionChanged> connectionChanges;
    private final PublishWindow<Outgoing> window = new PublishWindow<>(QUEUE_CAPACITY);
    private final ReconnectPolicy reconnect;
    /** Times the reconnect attempts; its tasks only hand over to the link's context. */
    private final Scheduler scheduler;
    /** Paho's threads for every client of this link; spares each connect Paho's ~300 ms of start-up naps. */
    private final QuickStartExecutor pahoThreads = new QuickStartExecutor("hearth-paho");

    private MqttAsyncClient client;
    /** The settle marker's payload for the current connection. */
    private byte[] settleNonce = new byte[0];
    private int generation;
    private volatile boolean connected;
    private volatile boolean ready;
    private int pendingSubscriptions;
    private boolean stopped;
    private Scheduler.Cancellable reconnectTimer;
    private volatile int connects;
    private int failedAttempts;
    private long lastFailureLog;

    /** With {@code markSettled}, a {@link RetainedSettled} follows the retained messages of every connection. */
    public MqttLink(Vertx vertx, Context context, Scheduler scheduler, MqttSettings settings, List<String> topics, boolean markSettled,
             Consumer<Inbound> inbound, Consumer<ConnectionChanged> connectionChanges) {
        this.vertx = vertx;
        this.scheduler = scheduler;
        this.context = context;
        this.settings = settings;
        this.settleTopic = markSettled ? Optional.of(settings.baseTopic() + "/settle") : Optional.empty();
        java.util.LinkedHashSet<String> filters = new java.util.LinkedHashSet<>();
        settleTopic.ifPresent(filters::add);
        filters.addAll(topics);
        this.topics = new java.util.ArrayList<>(filters);
        this.inbound = inbound;
        this.connectionChanges = connectionChanges;
        this.reconnect = new ReconnectPolicy(settings.reconnectMin(), settings.reconnectMax());
    }

    /** Starts connecting; does not wait for the broker, which may come up later. Call on the link's context. */
    public void start() {
        connect();
    }

    @Override
    public Future<Delivery> send(Publication p, Optional<Instant> expiresAt) {
        Promise<Delivery> done = Promise.promise();
        if (stopped) return Future.succeededFuture(new Delivery.Stopped());
        if (!window.offer(new Outgoing(p, expiresAt, done))) return Future.failedFuture("publish queue is full");
        pump();
        return done.future();
    }

    boolean connected() {
        return connected;
    }

    /** Connected and every subscription confirmed: sensor messages reach us or wait in our session. */
    @Override
    public boolean ready() {
        return ready;
    }

    int connects() {
        return connects;
    }

    private void connect() {
        reconnectTimer = null;
        if (stopped) return;
        int gen = ++generation;
        try {
            client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence(), null, pahoThreads);
            settleNonce = java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
            client.setCallback(new Callback(gen, settleNonce));
            // Inbound QoS 1 messages are acknowledged by ack(), once what they caused is on disk.
            client.setManualAcks(true);
            client.connect(PahoOptions.build(settings), null, listener(gen, this::onConnected, this::onConnectFailed));
        } catch (MqttException | RuntimeException e) {
            onConnectFailed(gen, e);
        }
    }

    private void onConnected(int gen, IMqttToken token) {
        if (gen != generation || stopped) return;
        connected = true;
        connects++;
        failedAttempts = 0;
        reconnect.connected();
        MqttProperties props = token.getResponseProperties();
        int receiveMaximum = props == null || props.getReceiveMaximum() == null ? 65_535 : props.getReceiveMaximum();
        log.info("Connected to {} as {} (session {}, broker receive maximum {})", settings.url(), settings.clientId(),
                token.getSessionPresent() ? "resumed" : "new", receiveMaximum);
        window.open(receiveMaximum);
        // The status belongs to this connection, so it bypasses the outbox: it is never replayed later.
        send(new Publication(settings.statusTopic(), PahoOptions.ONLINE.getBytes(StandardCharsets.UTF_8), 1, true), Optional.empty());
        pump();
        subscribe(gen);
    }

    /** Adds topic filters: subscribed now if the link is up, and on every connection from now on. Call on the link's context. */
    void addTopics(List<String> filters) {
        List<String> fresh = filters.stream().distinct().filter(f -> !topics.contains(f)).toList();
        if (fresh.isEmpty()) return;
        List<String> before = TopicFilter.minimalCover(topics);
        topics.addAll(fresh);
        List<String> after = TopicFilter.minimalCover(topics);
        String[] batch = after.stream().filter(f -> !before.contains(f)).toArray(String[]::new);
        String[] superseded = before.stream().filter(f -> !after.contains(f)).toArray(String[]::new);
        log.info("Subscribing to {} more topic filters: {}", fresh.size(), fresh);
        if (!connected || batch.length == 0) return; // the next connection subscribes the whole list
        int[] qos = new int[batch.length];
        Arrays.fill(qos, 1);
        int gen = generation;
        try {
            client.subscribe(batch, qos, null, listener(gen, (g, t) -> {
                        logRefusals(batch, t);
                        unsubscribe(g, superseded);
                    },
                    (g, e) -> log.info("Subscribe interrupted: {}", e.getMessage())));
        } catch (MqttException e) {
            log.info("Subscribe interrupted: {}", e.getMessage());
        }
    }

    /** Filters a broader new one covers: kept, they would deliver each of their messages a second time. */
    private void unsubscribe(int gen, String[] superseded) {
        if (gen != generation || superseded.length == 0) return;
        try {
            client.unsubscribe(superseded);
        } catch (MqttException e) {
            log.info("Unsubscribe interrupted: {}", e.getMessage());
        }
    }

    /** Subscribes every topic again (the session may be new); the link is ready once the broker confirmed all. */
    private void subscribe(int gen) {
        // No filter covered by another: a broker may deliver a message once per matching subscription.
        List<String> cover = TopicFilter.minimalCover(topics);
        pendingSubscriptions = (cover.size() + SUBSCRIBE_BATCH - 1) / SUBSCRIBE_BATCH;
        if (pendingSubscriptions == 0) becomeReady();
        for (int i = 0; i < cover.size(); i += SUBSCRIBE_BATCH) {
            String[] batch = cover.subList(i, Math.min(cover.size(), i + SUBSCRIBE_BATCH)).toArray(String[]::new);
            int[] qos = new int[batch.length];
            Arrays.fill(qos, 1);
            try {
                client.subscribe(batch, qos, null, listener(gen, (g, t) -> onSubscribed(g, batch, t),
                        (g, e) -> log.info("Subscribe interrupted: {}", e.getMessage())));
            } catch (MqttException e) {
                log.info("Subscribe interrupted: {}", e.getMessage());
            }
        }
    }

    private void onSubscribed(int gen, String[] batch, IMqttToken token) {
        if (gen != generation) return;
        logRefusals(batch, token);
        if (--pendingSubscriptions == 0) becomeReady();
    }

    private static void logRefusals(String[] batch, IMqttToken token) {
        int[] codes = token.getReasonCodes();
        for (int i = 0; codes != null && i < codes.length && i < batch.length; i++) {
            if (codes[i] >= 0x80) log.warn("Broker refused subscription to '{}' (reason code {})", batch[i], codes[i]);
        }
    }

    private void becomeReady() {
        ready = true;
        log.info("Ready: subscribed to {} topic filters on {}", topics.size(), settings.url());
        connectionChanges.accept(new ConnectionChanged(true, settings.url(), "connected", Instant.now()));
        // QoS 0 and not retained: never queued in a session, never replayed; only this connection's nonce counts.
        settleTopic.ifPresent(t -> send(new Publication(t, settleNonce, 0, false), Optional.empty()));
    }

    private void pump() {
        if (!connected) return;
        for (Map.Entry<Long, Outgoing> e : window.takeSendable()) send(generation, e.getKey(), e.getValue());
    }

    private void send(int gen, long id, Outgoing out) {
        Publication p = out.publication();
        Optional<Long> lifetime = out.expiresAt().map(at -> Duration.between(Instant.now(), at).toMillis());
        if (lifetime.isPresent() && lifetime.get() <= 0) {
            window.acknowledged(id);
            out.done().complete(new Delivery.Expired());
            context.runOnContext(v -> pump());
            return;
        }
        try {
            MqttMessage m = new MqttMessage(p.payload(), p.qos(), p.retained(), properties(p, lifetime));
            client.publish(p.topic(), m, null, listener(gen, (g, t) -> onPublished(g, id, t), (g, e) -> onPublishFailed(g, id, e)));
        } catch (MqttException | RuntimeException e) {
            onPublishFailed(gen, id, e);
        }
    }

    private static MqttProperties properties(Publication p, Optional<Long> lifetimeMillis) {
        MqttProperties props = new MqttProperties();
        // MQTT counts expiry in whole seconds; rounding up never cuts a lifetime short by more than that second.
        lifetimeMillis.ifPresent(ms -> props.setMessageExpiryInterval((ms + 999) / 1000));
        if (!p.userProperties().isEmpty()) {
            List<UserProperty> user = new ArrayList<>();
            p.userProperties().forEach((k, v) -> user.add(new UserProperty(k, v)));
            props.setUserProperties(user);
        }
        return props;
    }

    private void onPublished(int gen, long id, IMqttToken token) {
        if (gen != generation) return;
        int[] codes = token.getReasonCodes();
        Outgoing out = window.acknowledged(id);
        if (out == null) return;
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            out.done().complete(new Delivery.Refused(codes[0], "broker refused " + out.publication().topic()
                    + " (reason code " + codes[0] + ")"));
        } else {
            out.done().complete(new Delivery.Acknowledged());
        }
        pump();
    }

    private void onPublishFailed(int gen, long id, Throwable e) {
        // A failure that is not the link dropping is the broker's final word on this message; a link
        // failure leaves the message in flight so that close() requeues it.
        if (gen != generation || !connected || !(e instanceof MqttException me) || isLinkFailure(me)) return;
        Outgoing out = window.acknowledged(id);
        if (out != null) out.done().complete(new Delivery.Refused(((MqttException) e).getReasonCode(),
                "publish to " + out.publication().topic() + " failed: " + e.getMessage()));
        pump();
    }

    private static boolean isLinkFailure(MqttException e) {
        // Paho's own client-side codes (32xxx) describe the link, not the message.
        int code = e.getReasonCode();
        return code >= MqttClientException.REASON_CODE_CLIENT_TIMEOUT && code < 33000;
    }

    private void onConnectFailed(int gen, Throwable e) {
        if (gen != generation) return;
        failedAttempts++;
        long now = System.nanoTime();
        // During a long outage one line a minute is enough; the first failure is always shown.
        if (failedAttempts == 1 || now - lastFailureLog > FAILURE_LOG_INTERVAL_NANOS) {
            lastFailureLog = now;
            log.info("Cannot connect to {}: {}{}", settings.url(), describe(e),
                    failedAttempts > 1 ? " (" + failedAttempts + " attempts so far; still trying)" : "");
        }
        dropClient();
        scheduleReconnect(reconnect.afterFailedConnect(e));
    }

    private void onLinkLost(int gen, String reason) {
        if (gen != generation || !connected) return;
        boolean wasReady = ready;
        connected = false;
        ready = false;
        window.close();
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
        MqttAsyncClient old = client;
        client = null;
        generation++;
        if (old != null) vertx.executeBlocking(() -> closeQuietly(old, 0), false);
    }

    /** Stops reconnecting, says goodbye (status offline), and fails whatever was never acknowledged. */
    public Future<Void> stop() {
        stopped = true;
        if (reconnectTimer != null) reconnectTimer.cancel();
        MqttAsyncClient last = client;
        boolean wasConnected = connected;
        connected = false;
        ready = false;
        client = null;
        generation++;
        window.drainAll().forEach(o -> o.done().complete(new Delivery.Stopped()));
        if (last == null) {
            pahoThreads.shutdownNow();
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            if (wasConnected) sayOffline(last);
            closeQuietly(last, 1000);
            pahoThreads.shutdownNow();
            return null;
        }, false).mapEmpty();
    }

    private void sayOffline(MqttAsyncClient c) {
        try {
            c.publish(settings.statusTopic(), PahoOptions.OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(1000);
        } catch (MqttException e) {
            log.debug("Could not publish offline status: {}", e.getMessage());
        }
    }

    private static Void closeQuietly(MqttAsyncClient c, long quiesceMillis) {
        try {
            if (c.isConnected()) c.disconnectForcibly(quiesceMillis, 1000, false);
        } catch (MqttException | RuntimeException e) {
            log.debug("Disconnect: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("Close: {}", e.getMessage());
        }
        return null;
    }

    /** Identifies an inbound message on one connection: its generation, packet id and QoS. */
    private static long ackToken(int gen, int messageId, int qos) {
        return ((long) gen << 32) | ((long) messageId << 2) | qos;
    }

    /**
     * Acknowledges an inbound message to the broker. A message of an older connection is not acknowledged:
     * the broker sends it again on the resumed session, which is the point.
     */
    void ack(long token) {
        int gen = (int) (token >>> 32);
        if (token == 0 || gen != generation || client == null) return;
        int messageId = (int) ((token & 0xFFFF_FFFFL) >>> 2);
        try {
            client.messageArrivedComplete(messageId, (int) (token & 3));
        } catch (MqttException | RuntimeException e) {
            log.debug("Could not acknowledge inbound message {}: {}", messageId, e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private interface OnSuccess {
        void accept(int gen, IMqttToken token);
    }

    private interface OnFailure {
        void accept(int gen, Throwable error);
    }

    /** Hands Paho's callbacks to the link's context, where all state lives. */
    private MqttActionListener listener(int gen, OnSuccess ok, OnFailure failed) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                context.runOnContext(v -> ok.accept(gen, token));
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                context.runOnContext(v -> failed.accept(gen, e));
            }
        };
    }

    /** One global callback (Paho's per-subscription listener overloads throw); it only hands over. */
    private final class Callback implements MqttCallback {
        private final int gen;
        private final byte[] settleNonce;

        Callback(int gen, byte[] settleNonce) {
            this.gen = gen;
            this.settleNonce = settleNonce;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String reason = response.getException() != null ? describe(response.getException())
                    : "broker sent DISCONNECT (reason code " + response.getReturnCode() + ")";
            context.runOnContext(v -> onLinkLost(gen, reason));
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            context.runOnContext(v -> onLinkLost(gen, "protocol error: " + e.getMessage()));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                long token = message.getQos() == 0 ? 0 : ackToken(gen, message.getId(), message.getQos());
                if (settleTopic.isPresent() && topic.equals(settleTopic.get())) {
                    onSettleMarker(message, token);
                    return;
                }
                inbound.accept(new InboundMessage(topic, message.getPayload(), message.getQos(), message.isRetained(), Instant.now(), token));
            } catch (Throwable t) {
                // An exception escaping here would shut the Paho client down.
                log.error("Dropped inbound message on '{}': {}", topic, t.toString());
            }
        }

        /** A marker of an earlier connection (or anyone else's message on our topic) says nothing about this one. */
        private void onSettleMarker(MqttMessage message, long token) {
            if (Arrays.equals(message.getPayload(), settleNonce)) inbound.accept(new RetainedSettled(settings.url(), Instant.now()));
            if (token != 0) context.runOnContext(v -> ack(token));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
