package dev.hearth.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Sensor traffic: temperature states spread over the workload's sensors, each message a new value,
 * published QoS 0 (as Zigbee2MQTT does) at a fixed rate or as fast as the client can.
 */
final class Flood {
    /** Messages we let pile up in our own client before the publisher waits. */
    private static final int MAX_BACKLOG = 5_000;

    private final MqttPort port;
    private final int sensors;
    private final byte[][] payloads = new byte[100][];

    Flood(MqttPort port, int sensors) {
        if (sensors < 1) throw new IllegalArgumentException("a flood needs sensors");
        this.port = port;
        this.sensors = sensors;
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = String.format(java.util.Locale.ROOT,
                    "{\"temperature\":%.1f,\"humidity\":45.0,\"battery\":100,\"linkquality\":120}", 20 + i / 10.0)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Publishes for {@code duration} at {@code perSecond} (0: unlimited), at most {@code max}
     * messages (a slow subject is not buried under a backlog it needs minutes for); returns how
     * many were published.
     */
    long publish(double perSecond, Duration duration, long max) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long n = 0;
        long now;
        while ((now = System.nanoTime()) < end && n < max) {
            long due = Math.min(max, perSecond > 0 ? (long) ((now - start) / 1e9 * perSecond) : n + 100);
            if (n >= due || port.backlog() > MAX_BACKLOG) {
                LockSupport.parkNanos(100_000);
                continue;
            }
            for (; n < due; n++) {
                // Sensor n % sensors; the value walks so that consecutive states of one sensor differ.
                port.publish(Workload.sensorTopic((int) (n % sensors)), payloads[(int) ((n / sensors) % payloads.length)], 0);
            }
        }
        return n;
    }
}
