package dev.hearth.sim.load;

import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Measures command round trips: a controller sets a light's brightness and waits for the light's
 * state echo carrying that brightness. One command per light is outstanding at a time.
 */
final class LatencyProbe implements AutoCloseable {
    private static final long TIMEOUT_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long MAX_MICROS = Duration.ofMinutes(1).toNanos() / 1000;

    private record Pending(int brightness, long sentNanos) {
    }

    private final SimClient controller;
    private final List<Light> lights = new ArrayList<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Histogram histogram = new Histogram(MAX_MICROS, 3); // recorded on one dispatch thread
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private int nextLight;
    private int nextBrightness = 1;

    LatencyProbe(String brokerUrl, String prefix, int count) {
        controller = new SimClient(brokerUrl, prefix + "-controller");
        controller.subscribe(prefix + "/lights/+", this::onState);
        for (int i = 0; i < count; i++) {
            var light = new Light(new SimClient(brokerUrl, prefix + "-light-" + i),
                    DeviceTopics.zigbee2mqtt(prefix + "/lights/light_" + i));
            lights.add(light);
        }
    }

    void start(Duration timeout) {
        controller.start();
        lights.forEach(Light::start);
        controller.awaitConnected(timeout);
        lights.forEach(l -> l.client().awaitConnected(timeout));
    }

    /** Commands the next light that has nothing outstanding (or whose command timed out). */
    void commandNext() {
        if (lights.isEmpty()) {
            return;
        }
        Light light = lights.get(nextLight++ % lights.size());
        String topic = light.topics().stateTopic();
        Pending previous = pending.get(topic);
        if (previous != null && System.nanoTime() - previous.sentNanos() < TIMEOUT_NANOS) {
            return;
        }
        nextBrightness = nextBrightness % 254 + 1;
        pending.put(topic, new Pending(nextBrightness, System.nanoTime()));
        sent.incrementAndGet();
        controller.publish(light.topics().commandFilter(),
                new JsonObject().put("brightness", nextBrightness).encode(), 1, false);
    }

    private void onState(String topic, byte[] payload) {
        Pending p = pending.get(topic);
        if (p == null) {
            return;
        }
        Integer brightness = new JsonObject(new String(payload, StandardCharsets.UTF_8)).getInteger("brightness");
        if (brightness != null && brightness == p.brightness() && pending.remove(topic, p)) {
            long micros = (System.nanoTime() - p.sentNanos()) / 1000;
            synchronized (histogram) {
                histogram.recordValue(Math.min(micros, MAX_MICROS));
            }
            answered.incrementAndGet();
        }
    }

    long sent() {
        return sent.get();
    }

    long answered() {
        return answered.get();
    }

    LoadReport.LatencySummary summary() {
        synchronized (histogram) {
            if (histogram.getTotalCount() == 0) {
                return new LoadReport.LatencySummary(0, 0, 0, 0, 0);
            }
            return new LoadReport.LatencySummary(histogram.getTotalCount(),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue());
        }
    }

    @Override
    public void close() {
        lights.forEach(Light::shutdown);
        controller.close();
    }
}
