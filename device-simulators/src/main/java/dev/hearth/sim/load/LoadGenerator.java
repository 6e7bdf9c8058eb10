package dev.hearth.sim.load;

import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Publication;
import dev.hearth.sim.mqtt.SimClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many virtual temperature sensors sharing a few connections, publishing Zigbee2MQTT state at a
 * fixed total rate. Virtual devices keep 500-device runs cheap: one Paho client costs several threads.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final LoadConfig config;
    private final List<SimClient> clients = new ArrayList<>();
    private final List<DeviceTopics> devices = new ArrayList<>();
    private final LatencyProbe latency;

    public LoadGenerator(LoadConfig config) {
        this.config = config;
        for (int c = 0; c < config.connections(); c++) {
            clients.add(new SimClient(config.brokerUrl(), config.topicPrefix() + "-conn-" + c));
        }
        for (int d = 0; d < config.devices(); d++) {
            devices.add(DeviceTopics.zigbee2mqtt(config.topicPrefix() + "/sensor_" + d));
        }
        latency = new LatencyProbe(config.brokerUrl(), config.topicPrefix(), config.lights());
    }

    /** Topic filter that matches exactly the sensors' state messages. */
    public String sensorFilter() {
        return config.topicPrefix() + "/+";
    }

    /** Connects, publishes for the configured duration, and waits for the outboxes to drain. */
    public LoadReport run() {
        clients.forEach(SimClient::start);
        latency.start(CONNECT_TIMEOUT);
        clients.forEach(c -> c.awaitConnected(CONNECT_TIMEOUT));
        long start = System.nanoTime();
        long deadline = start + config.duration().toNanos();
        Pacer messages = new Pacer(config.rate());
        Pacer commands = new Pacer(Math.max(config.commandRate(), 1e-9));
        long published = 0;
        while (System.nanoTime() < deadline) {
            for (long due = messages.due(); due > 0; due--) {
                publish(published++);
            }
            for (long due = config.commandRate() > 0 ? commands.due() : 0; due > 0; due--) {
                latency.commandNext();
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        awaitDrained();
        return new LoadReport(published, elapsed, config.rate(), latency.sent(), latency.answered(),
                latency.summary());
    }

    private void publish(long n) {
        DeviceTopics device = devices.get((int) (n % devices.size()));
        SimClient client = clients.get((int) (n % devices.size() % clients.size()));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("temperature", Math.round(200 + ThreadLocalRandom.current().nextInt(50)) / 10.0);
        state.put("humidity", 45.0);
        state.put("battery", 100.0);
        state.put("linkquality", 120.0);
        for (Publication p : device.codec().encodeState(device, state, state.keySet())) {
            client.publish(p.topic(), p.payload(), config.qos(), false);
        }
    }

    private void awaitDrained() {
        clients.forEach(c -> c.awaitIdle(Duration.ofSeconds(10)));
    }

    @Override
    public void close() {
        latency.close();
        clients.forEach(SimClient::close);
    }
}
