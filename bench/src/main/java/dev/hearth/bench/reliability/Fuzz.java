package dev.hearth.bench.reliability;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fuzz of docs/reliability.md: {@code count} hostile payloads published (QoS 1, through Mosquitto) on a JSON motion
 * sensor's state topic, each of them bad in one way ({@link #payload}): random bytes, JSON cut short, a wrong-typed
 * value, a top level that is no object, nesting thousands deep, a payload over {@code max_payload_bytes}. Passes when
 * the gateway is alive and healthy afterwards and {@code hearth_device_rejected_payloads_total} grew by exactly
 * {@code count}: every bad payload counted, none applied.
 * <p>
 * Arguments: {@code <work dir> <count> <seed>}; the gateway's class path is {@code -Dhearth.classpath}.
 */
public final class Fuzz {
    private static final Pattern REJECTED = Pattern.compile("(?m)^hearth_device_rejected_payloads_total\\{[^}]*} ([0-9.E]+)$");
    private static final int KINDS = 6;
    /** Below Mosquitto's default receive maximum (20): Paho refuses to have more in flight. */
    private static final int WINDOW = 16;

    private Fuzz() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        int httpPort = FreePort.loopback();
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_queued_messages 1000000").start()) {
            Path config = GatewayFiles.devices(work, broker.url(), httpPort);
            Process gateway = GatewayFiles.start(config, work.resolve("gateway.log"));
            try {
                awaitHealthy(httpPort);
                String token = Files.readString(config.resolve("data/web-token")).trim();
                long before = rejected(httpPort, token);
                long started = System.nanoTime();
                int accepted = publish(broker.url(), count, random);
                long after = awaitCount(httpPort, token, before + accepted);
                boolean healthy = gateway.isAlive() && health(httpPort) == 200;
                boolean passed = healthy && after - before == accepted;
                System.out.printf("fuzz: %d hostile payloads in %d s, %d acknowledged by the broker, %d counted as rejected, gateway %s"
                                + " -> %s%n", count, (System.nanoTime() - started) / 1_000_000_000L, accepted, after - before,
                        healthy ? "alive and healthy" : "NOT healthy", passed ? "PASS" : "FAIL");
                System.exit(passed ? 0 : 1);
            } finally {
                KillRestart.stop(gateway);
            }
        }
    }

    /** One bad payload of kind {@code n % KINDS}. */
    static byte[] payload(int n, Random random) {
        return switch (n % KINDS) {
            case 0 -> {
                byte[] junk = new byte[1 + random.nextInt(300)];
                random.nextBytes(junk);
                junk[0] = (byte) (0x80 | junk[0]); // never a JSON start
                yield junk;
            }
            case 1 -> {
                String whole = "{\"occupancy\":true,\"battery\":" + random.nextInt(101) + ",\"linkquality\":" + random.nextInt(256) + "}";
                yield whole.substring(0, 1 + random.nextInt(whole.length() - 2)).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> ("{\"occupancy\":\"" + randomText(random) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 3 -> switch (random.nextInt(4)) {
                case 0 -> "[true]".getBytes(StandardCharsets.UTF_8);
                case 1 -> Integer.toString(random.nextInt()).getBytes(StandardCharsets.UTF_8);
                case 2 -> ("\"" + randomText(random) + "\"").getBytes(StandardCharsets.UTF_8);
                default -> "null".getBytes(StandardCharsets.UTF_8);
            };
            case 4 -> {
                int depth = 100 + random.nextInt(5_000);
                yield ("{\"occupancy\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            default -> ("{\"occupancy\":true,\"note\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(40); i >= 0; i--) s.append((char) (0x20 + random.nextInt(0x5e)));
        return s.toString().replace("\\", "").replace("\"", "");
    }

    /**
     * QoS 1, at most {@link #WINDOW} unacknowledged at a time: the broker has each before the count is read. Returns how
     * many the broker acknowledged: one it refused never reached the gateway.
     */
    private static int publish(String url, int count, Random random) throws Exception {
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        MqttAsyncClient sensor = new MqttAsyncClient(url, "fuzz-sensor", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setReceiveMaximum(1000);
        sensor.connect(o).waitForCompletion(10_000);
        Semaphore window = new Semaphore(WINDOW);
        for (int n = 0; n < count; n++) {
            window.acquire();
            // The listener goes with the publish: set afterwards, it misses a publish that completed meanwhile, and
            // the window never gets that permit back (the first runs stalled here).
            sensor.publish("z/m", payload(n, random), 1, false, null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                @Override
                public void onSuccess(org.eclipse.paho.mqttv5.client.IMqttToken token) {
                    accepted.incrementAndGet();
                    window.release();
                }

                @Override
                public void onFailure(org.eclipse.paho.mqttv5.client.IMqttToken token, Throwable e) {
                    window.release();
                }
            });
        }
        window.acquire(WINDOW);
        sensor.disconnect().waitForCompletion(10_000);
        sensor.close();
        return accepted.get();
    }

    /** Waits until the count reaches {@code expected} or stops growing for 20 s; the count then. */
    private static long awaitCount(int port, String token, long expected) throws Exception {
        long last = -1;
        long quietSince = System.nanoTime();
        while (true) {
            long now = rejected(port, token);
            if (now >= expected) return now;
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 20_000_000_000L) {
                return now;
            }
            Thread.sleep(1_000);
        }
    }

    /** The sum of {@code hearth_device_rejected_payloads_total} over its reasons. */
    private static long rejected(int port, String token) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = REJECTED.matcher(body);
        long sum = 0;
        while (m.find()) sum += (long) Double.parseDouble(m.group(1));
        return sum;
    }

    private static int health(int port) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void awaitHealthy(int port) throws InterruptedException {
        for (int i = 0; i < 600 && health(port) != 200; i++) Thread.sleep(100);
    }
}
