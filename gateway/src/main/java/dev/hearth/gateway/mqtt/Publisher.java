package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.Delivery;
import dev.hearth.gateway.message.Publication;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The link's publishing side: hands publications to Paho no faster than the broker's Receive Maximum (from
 * the CONNACK; Paho throws past it) allows, completes each with the broker's answer, and keeps those in
 * flight when the link drops, to send them again on the next connection. Confined to the link's context.
 */
final class Publisher {
    private static final int QUEUE_CAPACITY = 100_000;

    private record Outgoing(Publication publication, Optional<Instant> expiresAt, Promise<Delivery> done) {
    }

    private final Context context;
    private final PublishWindow<Outgoing> window = new PublishWindow<>(QUEUE_CAPACITY);
    /** The connection publications go to; null while the link is down or stopped. */
    private Session session;
    private boolean stopped;

    Publisher(Context context) {
        this.context = context;
    }

    /** Queues a publication; it is sent once the window has room on a live connection. */
    Future<Delivery> send(Publication p, Optional<Instant> expiresAt) {
        if (stopped) return Future.succeededFuture(new Delivery.Stopped());
        Promise<Delivery> done = Promise.promise();
        if (!window.offer(new Outgoing(p, expiresAt, done))) return Future.failedFuture("publish queue is full");
        pump();
        return done.future();
    }

    /** The link is up on {@code s}: the window opens to the broker's Receive Maximum. Call {@link #pump()} after. */
    void opened(Session s, int receiveMaximum) {
        session = s;
        window.open(receiveMaximum);
    }

    /** The link dropped: what was in flight waits to be sent again on the next connection. */
    void closed() {
        session = null;
        window.close();
    }

    /** Completes everything never acknowledged as {@link Delivery.Stopped}; nothing is sent after. */
    void stop() {
        stopped = true;
        session = null;
        window.drainAll().forEach(o -> o.done().complete(new Delivery.Stopped()));
    }

    void pump() {
        if (session == null) return;
        for (Map.Entry<Long, Outgoing> e : window.takeSendable()) send(session, e.getKey(), e.getValue());
    }

    private void send(Session s, long id, Outgoing out) {
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
            s.client().publish(p.topic(), m, null, Paho.onContext(context, t -> onPublished(s, id, t), e -> onPublishFailed(s, id, e)));
        } catch (MqttException | RuntimeException e) {
            onPublishFailed(s, id, e);
        }
    }

    private static MqttProperties properties(Publication p, Optional<Long> lifetimeMillis) {
        MqttProperties props = new MqttProperties();
        // MQTT counts expiry in whole seconds; rounding up never cuts a lifetime short by more than that second.
        lifetimeMillis.ifPresent(ms -> props.setMessageExpiryInterval((ms + 999) / 1000));
        if (p.correlationData().length > 0) props.setCorrelationData(p.correlationData());
        if (!p.userProperties().isEmpty()) {
            List<UserProperty> user = new ArrayList<>();
            p.userProperties().forEach((k, v) -> user.add(new UserProperty(k, v)));
            props.setUserProperties(user);
        }
        return props;
    }

    private void onPublished(Session s, long id, IMqttToken token) {
        if (s != session) return;
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

    private void onPublishFailed(Session s, long id, Throwable e) {
        // A failure that is not the link dropping is the broker's final word on this message; a link
        // failure leaves the message in flight so that closed() requeues it.
        if (s != session || !(e instanceof MqttException me) || isLinkFailure(me)) return;
        Outgoing out = window.acknowledged(id);
        if (out != null) out.done().complete(new Delivery.Refused(me.getReasonCode(),
                "publish to " + out.publication().topic() + " failed: " + e.getMessage()));
        pump();
    }

    private static boolean isLinkFailure(MqttException e) {
        // Paho's own client-side codes (32xxx) describe the link, not the message.
        int code = e.getReasonCode();
        return code >= MqttClientException.REASON_CODE_CLIENT_TIMEOUT && code < 33000;
    }
}
