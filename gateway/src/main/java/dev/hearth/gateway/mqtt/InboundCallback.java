package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.RequestProperties;
import dev.hearth.gateway.message.RetainedSettled;
import io.vertx.core.Context;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one global callback of a connection's client (Paho's per-subscription listener overloads throw). It
 * runs on Paho's single callback thread and only hands over: a blocked callback stops the keep-alive, an
 * exception shuts the client down.
 */
final class InboundCallback implements MqttCallback {
    private static final Logger log = LoggerFactory.getLogger(InboundCallback.class);

    /** The link's side of the callback, called on the link's context. */
    interface Link {
        void lost(int generation, String reason);

        void ack(long token);
    }

    /** The link's own topic for the marker that tells when retained messages have all arrived, and this connection's payload. */
    record SettleMarker(String topic, byte[] nonce) {
    }

    private final int generation;
    private final Optional<SettleMarker> marker;
    private final String broker;
    private final Consumer<Inbound> inbound;
    private final Context context;
    private final Link link;
    private final InboundWindow window;

    InboundCallback(int generation, Optional<SettleMarker> marker, String broker, Consumer<Inbound> inbound, Context context, Link link,
                    InboundWindow window) {
        this.generation = generation;
        this.window = window;
        this.marker = marker;
        this.broker = broker;
        this.inbound = inbound;
        this.context = context;
        this.link = link;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            long token = AckTokens.of(generation, message.getId(), message.getQos());
            if (marker.isPresent() && topic.equals(marker.get().topic())) {
                onSettleMarker(message, token);
                return;
            }
            if (token != 0 && !window.admit(message.getId(), message.getPayload().length)) return;
            inbound.accept(new InboundMessage(topic, message.getPayload(), message.getQos(), message.isRetained(), Instant.now(), token,
                    request(message.getProperties())));
        } catch (Throwable t) {
            // An exception escaping here would shut the Paho client down.
            log.error("Dropped inbound message on '{}': {}", topic, t.toString());
        }
    }

    /** The request/response properties, when the sender set any (most messages carry none: no allocation then). */
    private static RequestProperties request(MqttProperties p) {
        if (p == null || (p.getResponseTopic() == null && p.getCorrelationData() == null && p.getMessageExpiryInterval() == null)) {
            return RequestProperties.NONE;
        }
        return new RequestProperties(Optional.ofNullable(p.getResponseTopic()),
                p.getCorrelationData() == null ? new byte[0] : p.getCorrelationData(),
                Optional.ofNullable(p.getMessageExpiryInterval()).map(Duration::ofSeconds));
    }

    /** A marker of an earlier connection (or anyone else's message on our topic) says nothing about this one. */
    private void onSettleMarker(MqttMessage message, long token) {
        if (Arrays.equals(message.getPayload(), marker.get().nonce())) inbound.accept(new RetainedSettled(broker, Instant.now()));
        if (token != 0) context.runOnContext(v -> link.ack(token));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        String reason = response.getException() != null ? Paho.describe(response.getException())
                : "broker sent DISCONNECT (reason code " + response.getReturnCode() + ")";
        context.runOnContext(v -> link.lost(generation, reason));
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        context.runOnContext(v -> link.lost(generation, "protocol error: " + e.getMessage()));
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
