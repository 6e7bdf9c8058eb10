package dev.hearth.bench;

import dev.hearth.sim.mqtt.MessageCallback;
import dev.hearth.sim.mqtt.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A bare Paho v5 connection for the load client and the floor: Nagle off, one global callback,
 * and publishes handed to one sender thread that keeps within the broker's Receive Maximum
 * (Mosquitto: 20; Paho throws 32202 past it). The sender, never Paho's callback thread, is the one
 * that waits for the window, so a publish from inside a message callback cannot deadlock.
 */
public final class MqttPort implements AutoCloseable {
    /** Unacknowledged QoS 0 writes we let Paho buffer before the sender waits. */
    private static final int QOS0_WINDOW = 2_000;

    private record Out(String topic, byte[] payload, int qos) {
    }

    private final MqttAsyncClient client;
    private final BlockingQueue<Out> queue = new LinkedBlockingQueue<>();
    private final Semaphore qos1Window;
    private final Semaphore qos0Window = new Semaphore(QOS0_WINDOW);
    private final Thread sender;
    private volatile boolean closed;

    private MqttPort(MqttAsyncClient client, int receiveMaximum) {
        this.client = client;
        this.qos1Window = new Semaphore(receiveMaximum);
        this.sender = new Thread(this::sendLoop, "bench-sender-" + client.getClientId());
        sender.setDaemon(true);
        sender.start();
    }

    /** Connects (clean start) or throws; {@code onMessage} runs on Paho's callback thread and must not block. */
    public static MqttPort connect(String url, String clientId, BiConsumer<String, byte[]> onMessage) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, message) -> onMessage.accept(topic, message.getPayload())));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(1_000);
        options.setSocketFactory(new NoDelaySocketFactory());
        IMqttToken token = client.connect(options);
        token.waitForCompletion(10_000);
        MqttProperties props = token.getResponseProperties();
        int receiveMaximum = props == null || props.getReceiveMaximum() == null ? 65_535 : props.getReceiveMaximum();
        return new MqttPort(client, receiveMaximum);
    }

    public void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos).waitForCompletion(10_000);
    }

    /** Queues a publish; the sender thread writes it when the window allows. */
    public void publish(String topic, byte[] payload, int qos) {
        queue.add(new Out(topic, payload, qos));
    }

    /** Messages queued here and not yet handed to Paho. */
    public int backlog() {
        return queue.size();
    }

    private void sendLoop() {
        try {
            while (!closed) {
                Out out = queue.poll(100, TimeUnit.MILLISECONDS);
                if (out != null) write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Out out) throws InterruptedException {
        Semaphore window = out.qos() == 0 ? qos0Window : qos1Window;
        window.acquire();
        try {
            client.publish(out.topic(), new MqttMessage(out.payload(), out.qos(), false, null), null, release(window));
        } catch (MqttException | RuntimeException e) {
            window.release();
            if (!closed) System.err.println("publish to " + out.topic() + " failed: " + e.getMessage());
        }
    }

    private static MqttActionListener release(Semaphore window) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                window.release();
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        closeQuietly(client);
    }

    /** Disconnects if connected and releases the client, whatever state it is in. */
    static void closeQuietly(MqttAsyncClient client) {
        try {
            if (client.isConnected()) client.disconnect(1_000).waitForCompletion(2_000);
        } catch (MqttException e) {
            // Closing anyway.
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // Nothing left to release.
        }
    }
}
