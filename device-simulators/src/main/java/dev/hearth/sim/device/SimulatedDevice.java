package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.Daemons;
import dev.hearth.sim.mqtt.SimClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Common behaviour of every simulated device: will and availability, the initial state on every
 * (re)connect, command decoding, the answer to a read request, and publishing state through the convention's codec.
 * Build devices before starting their client so the will is part of the first CONNECT.
 * A device owns its client: {@link #shutdown()} stops both. (Not AutoCloseable on purpose:
 * {@code ContactSensor.close()} means closing the contact.)
 */
public abstract class SimulatedDevice {
    private final SimClient client;
    private final DeviceTopics topics;
    private final Map<String, Object> state = new LinkedHashMap<>();
    private final List<Consumer<Map<String, Object>>> stateListeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timers;

    protected SimulatedDevice(SimClient client, DeviceTopics topics, Map<String, Object> initialState) {
        this.client = client;
        this.topics = topics;
        this.state.putAll(initialState);
        client.setWill(topics.availabilityTopic(), bytes(topics.offlinePayload()), true);
        client.onConnect(this::announce);
        if (acceptsCommands()) {
            client.subscribe(topics.commandFilter(), this::onMessage);
            // What a controller that started after this device's report asks for (the real models' state is gettable).
            topics.readTopic().ifPresent(read -> client.subscribe(read, (t, p) -> publishState()));
        }
    }

    /** Starts the underlying client; the device announces itself once connected. */
    public SimulatedDevice start() {
        client.start();
        return this;
    }

    public DeviceTopics topics() {
        return topics;
    }

    public SimClient client() {
        return client;
    }

    /** A copy of all attributes as published. */
    public synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(state);
    }

    /**
     * Called with a copy of the whole state after every change, on the thread that made it and while
     * the device is locked: listeners must be quick and must not call back into the device.
     */
    public void onStateChange(Consumer<Map<String, Object>> listener) {
        stateListeners.add(listener);
    }

    /** Re-publishes the whole state, as devices do on a periodic report. */
    public synchronized void publishState() {
        publish(state.keySet());
    }

    public void shutdown() {
        synchronized (this) {
            if (timers != null) {
                timers.shutdownNow();
            }
        }
        client.close();
    }

    /** Sensors override with false: they never subscribe. */
    protected boolean acceptsCommands() {
        return false;
    }

    /** Called on the client's dispatch thread with the decoded command. */
    protected void handleCommand(Map<String, Object> command) {
    }

    protected synchronized Object get(String attribute) {
        return state.get(attribute);
    }

    protected synchronized double number(String attribute) {
        return ((Number) state.get(attribute)).doubleValue();
    }

    /** Applies changes and publishes them (JSON devices publish their whole state). */
    protected synchronized void update(Map<String, Object> changes) {
        state.putAll(changes);
        publish(changes.keySet());
        if (!stateListeners.isEmpty()) {
            Map<String, Object> copy = Map.copyOf(state);
            stateListeners.forEach(l -> l.accept(copy));
        }
    }

    protected synchronized ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        if (timers == null) {
            var executor = new ScheduledThreadPoolExecutor(1, Daemons.named("device-timer-" + topics.base()));
            executor.setRemoveOnCancelPolicy(true);
            timers = executor;
        }
        return timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void announce() {
        client.publish(topics.availabilityTopic(), topics.onlinePayload(), 1, true);
        publish(state.keySet());
    }

    private void publish(Set<String> changed) {
        for (Publication p : topics.codec().encodeState(topics, state, Set.copyOf(changed))) {
            client.publish(p.topic(), p.payload(), 1, p.retained());
        }
    }

    private void onMessage(String topic, byte[] payload) {
        topics.codec().decodeCommand(topics, topic, payload).ifPresent(this::handleCommand);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
