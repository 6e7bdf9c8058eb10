package dev.hearth.bench.fleet;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet operator's side on the upstream broker, with a persistent session (it sees what arrives while it
 * reconnects): each gateway's status changes, its telemetry's sequence numbers with their arrival, and the answers
 * to remote commands with their round trip.
 */
final class CloudObserver implements AutoCloseable {
    static final String REPLIES = "ops/replies";
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

    record Arrival(long seq, long nanos) {
    }

    record Online(String gateway, long nanos) {
    }

    final Map<String, List<Arrival>> telemetry = new ConcurrentHashMap<>();
    final List<Online> onlines = new CopyOnWriteArrayList<>();
    final Map<String, Long> sent = new ConcurrentHashMap<>();
    final Map<String, Long> accepted = new ConcurrentHashMap<>();
    final Map<String, Long> delivered = new ConcurrentHashMap<>();
    private final String url;
    private MqttAsyncClient client;

    CloudObserver(String url) {
        this.url = url;
    }

    void connect() throws MqttException {
        client = new MqttAsyncClient(url, "fleet-observer", new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setReceiveMaximum(1000);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(new String[]{"fleet/+/status", "fleet/+/telemetry/#", REPLIES}, new int[]{1, 1, 1}).waitForCompletion(10_000);
    }

    /** Connects again after the broker's restart, at once and then every 50 ms until it answers. */
    void reconnect() throws InterruptedException {
        close();
        while (true) {
            try {
                connect();
                return;
            } catch (MqttException e) {
                Thread.sleep(50);
            }
        }
    }

    void command(String gateway, String correlation, String state) throws MqttException {
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(REPLIES);
        p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        p.setMessageExpiryInterval(60L);
        sent.put(correlation, System.nanoTime());
        client.publish("fleet/" + gateway + "/cmd/device/light",
                new MqttMessage(("{\"set\":{\"state\":\"" + state + "\"}}").getBytes(StandardCharsets.UTF_8), 1, false, p));
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                if (client.isConnected()) client.disconnect().waitForCompletion(2_000);
                client.close(true);
            }
        } catch (MqttException e) {
            // the broker is gone: nothing to say goodbye to
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage m) {
            long now = System.nanoTime();
            String payload = new String(m.getPayload(), StandardCharsets.UTF_8);
            String[] parts = topic.split("/");
            if (topic.equals(REPLIES)) {
                reply(m, payload, now);
            } else if (parts.length == 3 && parts[2].equals("status") && payload.equals("online") && !m.isRetained()) {
                onlines.add(new Online(parts[1], now));
            } else if (parts.length >= 3 && parts[2].equals("telemetry")) {
                Matcher seq = SEQ.matcher(payload);
                if (seq.find()) telemetry.computeIfAbsent(parts[1], g -> new CopyOnWriteArrayList<>())
                        .add(new Arrival(Long.parseLong(seq.group(1)), now));
            }
        }

        private void reply(MqttMessage m, String payload, long now) {
            byte[] data = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
            Matcher status = STATUS.matcher(payload);
            if (data == null || !status.find()) return;
            String correlation = new String(data, StandardCharsets.UTF_8);
            if (status.group(1).equals("accepted")) accepted.putIfAbsent(correlation, now);
            if (status.group(1).equals("delivered")) delivered.putIfAbsent(correlation, now);
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
    }
}
