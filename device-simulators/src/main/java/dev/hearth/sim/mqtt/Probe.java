package dev.hearth.sim.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A subscriber that records everything the broker delivers on a filter; for tests and benchmarks. */
public final class Probe implements AutoCloseable {
    public record Received(String topic, String payload) {
    }

    private final SimClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private Probe(String url, String filter) {
        client = new SimClient(url, "probe-" + System.nanoTime());
        client.subscribe(filter, (topic, payload) ->
                received.add(new Received(topic, new String(payload, StandardCharsets.UTF_8))));
        client.start();
        if (!client.awaitConnected(Duration.ofSeconds(10))) {
            client.close();
            throw new IllegalStateException("probe could not connect to " + url);
        }
    }

    public static Probe on(String url, String filter) {
        return new Probe(url, filter);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Payloads in arrival order, decoded as UTF-8. */
    public List<String> payloadsOn(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).map(Received::payload).toList();
    }

    public String lastOn(String topic) {
        List<String> payloads = payloadsOn(topic);
        return payloads.isEmpty() ? null : payloads.get(payloads.size() - 1);
    }

    public int count() {
        return received.size();
    }

    public SimClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
