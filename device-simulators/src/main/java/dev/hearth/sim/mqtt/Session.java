package dev.hearth.sim.mqtt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One connection attempt and, if it succeeds, one connection: a fresh Paho client, never reused,
 * because Paho's state after a loss (aliases, in-flight tokens) cannot be trusted.
 */
final class Session {
    /** Events from Paho's threads; implementations only hand off. */
    interface Events {
        void lost(Session session, String reason);

        void message(String topic, byte[] payload);
    }

    private final MqttAsyncClient client;
    private final Map<Long, Outgoing> inFlight = new ConcurrentHashMap<>();
    private volatile Semaphore window = new Semaphore(1);

    Session(String brokerUrl, String clientId, Events events) throws MqttException {
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        this.client.setCallback(new Callback(this, events));
    }

    void connect(MqttConnectionOptions options, MqttActionListener listener) throws MqttException {
        client.connect(options, null, listener);
    }

    /** Sizes the publish window from CONNACK's Receive Maximum (65535 when absent, per spec). */
    void connected(IMqttToken connectToken) {
        MqttProperties props = connectToken.getResponseProperties();
        Integer receiveMaximum = props == null ? null : props.getReceiveMaximum();
        window = new Semaphore(receiveMaximum == null ? 65_535 : receiveMaximum);
    }

    void subscribe(String[] filters, long timeoutMillis) throws MqttException {
        if (filters.length == 0) {
            return;
        }
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        client.subscribe(filters, qos).waitForCompletion(timeoutMillis);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Hands a message to Paho if the window has room; false means "not sent, keep it".
     * Every send uses a fresh MqttMessage: Paho rewrites message properties (topic aliases).
     */
    boolean trySend(Outgoing message, Outbox outbox, long waitMillis) throws InterruptedException {
        Semaphore permits = window;
        if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        inFlight.put(message.seq(), message);
        try {
            MqttMessage paho = new MqttMessage(message.payload(), message.qos(), message.retained(), null);
            client.publish(message.topic(), paho, null, new Completion(message, permits, outbox));
            return true;
        } catch (MqttException | RuntimeException e) {
            inFlight.remove(message.seq());
            permits.release();
            return false;
        }
    }

    /** Takes back what the broker never acknowledged; late completions for them are then ignored. */
    List<Outgoing> takeUnacknowledged() {
        List<Outgoing> taken = new java.util.ArrayList<>();
        for (Long seq : List.copyOf(inFlight.keySet())) {
            Outgoing message = inFlight.remove(seq);
            if (message != null) {
                taken.add(message);
            }
        }
        return taken;
    }

    /** Polite: sends DISCONNECT (so no will), then frees Paho's threads. */
    void disconnect() {
        try {
            client.disconnect(0).waitForCompletion(1000);
        } catch (MqttException | RuntimeException e) {
            // Already gone; close below still frees the threads.
        }
        close();
    }

    /** Frees Paho's threads without talking to the broker. */
    void close() {
        try {
            client.disconnectForcibly(0, 200, false);
        } catch (MqttException | RuntimeException e) {
            // Not connected; nothing to tear down on the wire.
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // Best effort; the instance is dropped either way.
        }
    }

    private final class Completion implements MqttActionListener {
        private final Outgoing message;
        private final Semaphore permits;
        private final Outbox outbox;

        Completion(Outgoing message, Semaphore permits, Outbox outbox) {
            this.message = message;
            this.permits = permits;
            this.outbox = outbox;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            if (inFlight.remove(message.seq()) != null) {
                permits.release();
                outbox.settle();
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            if (inFlight.remove(message.seq()) != null) {
                permits.release();
                // A refusal by a live broker is final; a failure from a dying link is retried.
                if (client.isConnected()) {
                    outbox.settle();
                } else {
                    outbox.returnFirst(message);
                }
            }
        }
    }

    private record Callback(Session session, Events events) implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            Throwable cause = response.getException();
            events.lost(session, cause != null ? cause.getMessage()
                    : "broker sent DISCONNECT, reason code " + response.getReturnCode());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // Paho reports protocol errors here too; only a dead link needs a new session.
            if (!session.isConnected()) {
                events.lost(session, exception.getMessage());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            events.message(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Completion is tracked per publish through Completion.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Deliberately empty: subscribing here can deadlock Paho (#985).
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced auth.
        }
    }
}
