package dev.hearth.bench;

import dev.hearth.sim.mqtt.MessageCallback;
import dev.hearth.sim.mqtt.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What arrives at the uplink broker: messages carry a global sequence number ({@code "seq":n}), so
 * the subscriber knows which arrived, which twice, and whether a topic's messages came out of order.
 * Its session outlives a broker restart (clean start off, a long expiry, the broker's persistence on),
 * so nothing the gateway sends before the subscriber is back is lost to the count.
 */
final class UplinkSubscriber implements AutoCloseable {
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.UTF_8);

    private final String url;
    private final String filter;
    private final BitSet received = new BitSet();
    private final Map<String, Long> lastPerTopic = new HashMap<>();
    private MqttAsyncClient client;
    private long arrivals;
    private long duplicates;
    private long outOfOrder;
    private long contiguous;       // every seq below this has arrived
    private long target = Long.MAX_VALUE;
    private long reachedAt;        // nanoTime at which contiguous reached target
    private long firstAfterWatch;  // nanoTime of the first arrival after watch()

    UplinkSubscriber(String url, String filter) {
        this.url = url;
        this.filter = filter;
    }

    /** Connects (again, after a broker restart) and resumes the session. */
    void connect() throws MqttException {
        if (client != null) closeClient();
        client = new MqttAsyncClient(url, "bench-uplink-subscriber", new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, message) -> arrived(topic, message.getPayload())));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(600L);
        o.setReceiveMaximum(1_000);
        o.setSocketFactory(new NoDelaySocketFactory());
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    /** From now on, notes when every message below {@code seq} has arrived, and the first arrival. */
    synchronized void watch(long seq) {
        target = seq;
        reachedAt = contiguous >= seq ? System.nanoTime() : 0;
        firstAfterWatch = 0;
    }

    /** nanoTime at which every message below the watched seq had arrived; 0 while some are missing. */
    synchronized long reachedAt() {
        return reachedAt;
    }

    synchronized long firstAfterWatch() {
        return firstAfterWatch;
    }

    /** The count of distinct messages below {@code sent} that never arrived. */
    synchronized long missing(long sent) {
        return sent - received.get(0, (int) sent).cardinality();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }

    synchronized long arrivals() {
        return arrivals;
    }

    private synchronized void arrived(String topic, byte[] payload) {
        long now = System.nanoTime();
        long seq = seq(payload);
        if (seq < 0) return;
        arrivals++;
        if (firstAfterWatch == 0) firstAfterWatch = now;
        if (received.get((int) seq)) {
            duplicates++;
            return;
        }
        received.set((int) seq);
        Long last = lastPerTopic.get(topic);
        if (last != null && seq < last) outOfOrder++;
        else lastPerTopic.put(topic, seq);
        while (received.get((int) contiguous)) contiguous++;
        if (reachedAt == 0 && contiguous >= target) reachedAt = now;
    }

    private static long seq(byte[] p) {
        outer:
        for (int i = 0; i + SEQ.length <= p.length; i++) {
            for (int j = 0; j < SEQ.length; j++) if (p[i + j] != SEQ[j]) continue outer;
            long n = 0;
            int k = i + SEQ.length;
            if (k >= p.length || p[k] < '0' || p[k] > '9') return -1;
            for (; k < p.length && p[k] >= '0' && p[k] <= '9'; k++) n = n * 10 + (p[k] - '0');
            return n;
        }
        return -1;
    }

    private void closeClient() {
        MqttPort.closeQuietly(client);
    }

    @Override
    public void close() {
        if (client != null) closeClient();
    }
}
