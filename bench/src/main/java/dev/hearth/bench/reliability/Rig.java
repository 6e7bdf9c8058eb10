package dev.hearth.bench.reliability;

import dev.hearth.sim.mqtt.MessageCallback;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The set-up the delivery runs share: Mosquitto (persistent, a deep queue per offline session: its default keeps 1,000
 * messages and drops the rest), the gateway's files ({@link GatewayFiles}), a sensor publishing numbered QoS 1 motion
 * events at a steady rate, a light that records each command's number and echoes its state, and the {@link Ledger}.
 */
final class Rig implements AutoCloseable {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    final Ledger ledger = new Ledger();
    final MosquittoBroker broker;
    final Path work;
    final Path config;
    private final int httpPort = FreePort.loopback();
    private final AtomicInteger next = new AtomicInteger(1);
    private final MqttAsyncClient light;
    private final MqttAsyncClient sensor;
    private final ScheduledExecutorService load = Executors.newScheduledThreadPool(3);
    private volatile ScheduledFuture<?> publishing;

    /** Starts the broker, the light and the sensor; the load starts with {@link #startLoad}. */
    Rig(Path work) throws IOException, MqttException {
        this.work = work;
        this.broker = MosquittoBroker.builder().configLine("max_queued_messages 1000000").configLine("persistence true")
                .configLine("persistence_location " + brokerDirectory(work) + "/").start();
        this.config = GatewayFiles.write(work, broker.url(), httpPort);
        this.light = light(broker.url());
        this.sensor = connect(broker.url(), "ledger-sensor", true);
        // Paho's own automatic reconnect gave up during a 60 s outage (its delay grows, and a failed reconnect can end
        // it: paho.mqtt.java #930, #864): the sensor published nothing acknowledged after the broker came back.
        load.scheduleWithFixedDelay(() -> reconnect(light, false), 500, 500, TimeUnit.MILLISECONDS);
        load.scheduleWithFixedDelay(() -> reconnect(sensor, true), 500, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Mosquitto started as root drops to its own user: without a directory it may write, it keeps no sessions across a
     * restart and says nothing (the first outage run lost the 4 events queued for the gateway that way).
     */
    private static Path brokerDirectory(Path work) throws IOException {
        Path dir = java.nio.file.Files.createDirectories(work.resolve("broker"));
        for (Path p = dir; p != null && p.startsWith(work.getParent()); p = p.getParent()) {
            p.toFile().setExecutable(true, false);
            p.toFile().setReadable(true, false);
        }
        dir.toFile().setWritable(true, false);
        return dir.toAbsolutePath();
    }

    /**
     * Starts publishing numbered events. Call once the gateway has been connected: before its persistent session exists,
     * the broker keeps nothing for it.
     */
    void startLoad(int eventsPerSecond) {
        publishing = load.scheduleAtFixedRate(this::publish, 0, 1_000_000 / eventsPerSecond, TimeUnit.MICROSECONDS);
    }

    /** The gateway as its own process, its output to {@code <work>/<name>.log}. */
    Process gateway(String name) throws IOException {
        return GatewayFiles.start(config, work.resolve(name + ".log"));
    }

    void awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (health() == 200) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway was not healthy within " + within);
    }

    /** {@code /health}'s status, -1 when the gateway does not answer. */
    int health() throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    int httpPort() {
        return httpPort;
    }

    /** Stops the load; then waits until every acknowledged event has its command or nothing more came for 20 s. */
    Ledger.Figures stopLoadAndSettle() throws InterruptedException {
        if (publishing != null) publishing.cancel(false);
        long quietSince = System.nanoTime();
        int before = ledger.commandedCount();
        while (true) {
            Ledger.Figures f = ledger.figures();
            if (f.missing() == 0) return f;
            Thread.sleep(1_000);
            if (ledger.commandedCount() != before) {
                before = ledger.commandedCount();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(20)) {
                return ledger.figures();
            }
        }
    }

    private void publish() {
        int seq = next.getAndIncrement();
        byte[] payload = ("{\"occupancy\":" + (seq % 2 == 0) + ",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
        ledger.published(seq, System.nanoTime());
        try {
            sensor.publish("z/m", payload, 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    ledger.acknowledged(seq);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    // not acknowledged: not in the ledger
                }
            });
        } catch (MqttException | RuntimeException e) {
            // broker away or the sensor's in-flight window full: this number is never acknowledged
        }
    }

    private MqttAsyncClient light(String url) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "ledger-light", new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, message) -> {
            Matcher m = SEQ.matcher(new String(message.getPayload(), StandardCharsets.UTF_8));
            if (m.find()) ledger.commanded(Integer.parseInt(m.group(1)));
            try {
                client.publish("z/l", "{\"state\":\"ON\"}".getBytes(StandardCharsets.UTF_8), 0, false);
            } catch (MqttException e) {
                throw new IllegalStateException("the light's echo was not sent", e);
            }
        }));
        connect(client, false);
        client.subscribe("z/l/set", 1).waitForCompletion(10_000);
        return client;
    }

    /** One connect attempt when the client is down (its session, and so the light's subscription, is the broker's). */
    private static void reconnect(MqttAsyncClient client, boolean cleanStart) {
        if (client.isConnected()) return;
        try {
            client.connect(options(cleanStart)).waitForCompletion(2_000);
        } catch (MqttException | RuntimeException e) {
            // broker still away: the next attempt comes in half a second
        }
    }

    private static MqttAsyncClient connect(String url, String id, boolean cleanStart) throws MqttException {
        return connect(new MqttAsyncClient(url, id, new MemoryPersistence()), cleanStart);
    }

    private static MqttAsyncClient connect(MqttAsyncClient client, boolean cleanStart) throws MqttException {
        client.connect(options(cleanStart)).waitForCompletion(10_000);
        return client;
    }

    private static MqttConnectionOptions options(boolean cleanStart) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        o.setAutomaticReconnect(false);
        o.setReceiveMaximum(1000);
        return o;
    }

    @Override
    public void close() throws MqttException {
        load.shutdownNow();
        sensor.disconnectForcibly(1000);
        light.disconnectForcibly(1000);
        sensor.close(true);
        light.close(true);
        try {
            // the broker's directory goes with it: keep its log with the gateway's
            java.nio.file.Files.copy(broker.logFile(), work.resolve("mosquitto.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // no log to keep
        }
        broker.close();
    }
}
