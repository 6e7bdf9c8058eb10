package dev.hearth.bench.reliability;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Sensors publishing side by side, each with its own window: one alone waits on round trips, not on the gateway. */
    private static final int PUBLISHERS = 4;
    /**
     * The gateway's payload limit in this run, and so the size of the oversize kind: a quarter of the default (64 KiB)
     * keeps a million payloads (one in six oversize) at ~3.5 GB through the broker instead of ~12 GB; the check is
     * the same whatever the limit. Above the deepest nesting payload (~10 KB), so those still reach the parser.
     */
    static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    private Fuzz() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        int httpPort = FreePort.loopback();
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_queued_messages 1000000").start()) {
            Path config = GatewayFiles.devices(work, broker.url(), httpPort, MAX_PAYLOAD_BYTES);
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
            // "?" first: a boolean attribute reads the strings true/on/1/yes and false/off/0/no (any case, spaces
            // around) as booleans, so random text alone is sometimes a valid value ({"occupancy":"1"}: 3 in 30,000).
            case 2 -> ("{\"occupancy\":\"?" + randomText(random) + "\"}").getBytes(StandardCharsets.UTF_8);
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
            default -> ("{\"occupancy\":true,\"note\":\"" + "x".repeat(MAX_PAYLOAD_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(40); i >= 0; i--) s.append((char) (0x20 + random.nextInt(0x5e)));
        return s.toString().replace("\\", "").replace("\"", "");
    }

    /**
     * QoS 1 from {@link #PUBLISHERS} sensors in turn, each with at most {@link #WINDOW} unacknowledged: the broker has
     * each before the count is read. Payloads are made one at a time as they go (a million are never held). Returns
     * how many the broker acknowledged: one it refused never reached the gateway.
     */
    private static int publish(String url, int count, Random random) throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        List<MqttAsyncClient> sensors = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        for (int i = 0; i < PUBLISHERS; i++) {
            MqttAsyncClient sensor = new MqttAsyncClient(url, "fuzz-sensor-" + i, new MemoryPersistence());
            sensor.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            sensors.add(sensor);
            windows.add(new Semaphore(WINDOW));
        }
        for (int n = 0; n < count; n++) {
            Semaphore window = windows.get(n % PUBLISHERS);
            window.acquire();
            // The listener goes with the publish: set afterwards, it misses a publish that completed meanwhile, and
            // the window never gets that permit back (the first runs stalled here).
            sensors.get(n % PUBLISHERS).publish("z/m", payload(n, random), 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    accepted.incrementAndGet();
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    window.release();
                }
            });
        }
        for (int i = 0; i < PUBLISHERS; i++) {
            windows.get(i).acquire(WINDOW);
            sensors.get(i).disconnect().waitForCompletion(10_000);
            sensors.get(i).close();
        }
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
