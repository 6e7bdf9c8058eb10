package dev.hearth.gateway.uplink;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fleet operator's client on the upstream broker: MQTT 5 requests with response topic and correlation data. */
final class CloudClient implements AutoCloseable {
    record Received(String topic, String payload, boolean retained, byte[] correlationData, Long expiry) {
        String correlation() {
            return correlationData == null ? "" : new String(correlationData, StandardCharsets.UTF_8);
        }
    }

    private final MqttAsyncClient client;
    final List<Received> received = new CopyOnWriteArrayList<>();

    CloudClient(String url, String clientId) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                MqttProperties p = m.getProperties();
                received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained(),
                        p == null ? null : p.getCorrelationData(), p == null ? null : p.getMessageExpiryInterval()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
    }

    CloudClient subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1).waitForCompletion(10_000);
        return this;
    }

    /** A request: QoS 1, answers to {@code responseTopic} with {@code correlation}; {@code expirySeconds} 0 for none. */
    void request(String topic, String payload, String responseTopic, String correlation, long expirySeconds) throws MqttException {
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(responseTopic);
        p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        if (expirySeconds > 0) p.setMessageExpiryInterval(expirySeconds);
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, p);
        client.publish(topic, m).waitForCompletion(10_000);
    }

    List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    List<Received> answers(String responseTopic, String correlation) {
        return on(responseTopic).stream().filter(r -> r.correlation().equals(correlation)).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
