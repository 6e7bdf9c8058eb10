package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.time.VirtualScheduler;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.SimClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox holds a backlog many times its memory window: only the head of each kind waits in memory,
 * the rest only in H2, read back a page at a time. Through an outage, a restart, the caps and expiry,
 * every message still arrives once, commands first and each topic in order.
 */
class OutboxSpillTest {
    private static final OutboxQueue.Window WINDOW = new OutboxQueue.Window(100, 64 * 1024);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private Vertx vertx;
    private BrokerOutbox outbox;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        if (vertx != null) vertx.close().await();
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    @Test
    void aBacklogFiftyTimesTheWindowArrivesOnceInOrderWithOnlyTheWindowInMemory() throws Exception {
        TcpProxy proxy = outage();
        OutboxStore store = new OutboxStore(database());
        deploy(proxy, store, OutboxSettings.DEFAULTS, Clock.systemUTC());
        List<String> sent = new ArrayList<>();
        for (int n = 1; n <= 5_000; n++) {
            sent.add(send(telemetry("spill/t" + n % 10, n)));
            if (n % 25 == 0) sent.add(send(command("spill/c" + n % 4, n)));
        }
        await().atMost(WAIT).until(() -> status().queued() == 5_200);
        OutboxStatus backlog = status();
        assertThat(backlog.inMemory()).as("rows in memory, two kinds").isLessThanOrEqualTo(2L * WINDOW.rows());
        assertThat(backlog.onDiskOnly()).isGreaterThanOrEqualTo(5_000);
        await().atMost(WAIT).until(() -> store.backlog().values().stream().mapToLong(OutboxStore.Backlog::rows).sum() == 5_200);

        proxy.refuseConnections(false);

        awaitDelivered(5_200);
        assertThat(received).as("each message once").doesNotHaveDuplicates().hasSize(5_200);
        assertThat(received.subList(0, 200)).as("commands first").allMatch(m -> m.startsWith("spill/c"));
        assertEachTopicInOrder(sent);
        assertThat(status().peakInMemory()).as("most rows of one kind in memory at once").isLessThanOrEqualTo(WINDOW.rows());
    }

    @Test
    void aRestartWithALargeBacklogReadsOnlyTheWindowAndDeliversAllOfIt() throws Exception {
        TcpProxy proxy = outage();
        Database db = database();
        OutboxStore store = new OutboxStore(db);
        List<String> sent = new ArrayList<>();
        List<Queued> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int n = 1; n <= 10_000; n++) {
            Publication p = n % 200 == 0 ? command("spill/c" + n % 3, n) : telemetry("spill/t" + n % 7, n);
            rows.add(new Queued(n, p, now, now.plus(Duration.ofHours(1)), 0));
            sent.add(text(p));
        }
        for (int from = 0; from < rows.size(); from += 1_000) {
            store.apply(new OutboxStore.Changes(rows.subList(from, from + 1_000), List.of(), List.of(), List.of()));
        }

        deploy(proxy, store, OutboxSettings.DEFAULTS, Clock.systemUTC());
        OutboxStatus started = status();
        assertThat(started.queued()).isEqualTo(10_000);
        assertThat(started.inMemory()).as("the first window of telemetry and the 50 commands").isEqualTo(WINDOW.rows() + 50);
        assertThat(started.onDiskOnly()).isEqualTo(10_000 - WINDOW.rows() - 50);

        proxy.refuseConnections(false);

        awaitDelivered(10_000);
        assertThat(received).doesNotHaveDuplicates().hasSize(10_000);
        assertThat(received.subList(0, 50)).as("commands first").allMatch(m -> m.startsWith("spill/c"));
        assertEachTopicInOrder(sent);
        assertThat(status().peakInMemory()).isLessThanOrEqualTo(WINDOW.rows());
        await().atMost(WAIT).until(() -> store.backlog().isEmpty());
    }

    @Test
    void capsDropTheOldestSpilledTelemetryAndSpilledRowsExpire() throws Exception {
        TcpProxy proxy = outage();
        OutboxStore store = new OutboxStore(database());
        VirtualScheduler time = new VirtualScheduler(Instant.now(), ZoneOffset.UTC);
        OutboxSettings capped = new OutboxSettings(Duration.ofMinutes(5), Duration.ofMinutes(10), 1_000, 64L * 1024 * 1024, 3);
        deploy(proxy, store, capped, clockOf(time));

        List<String> sent = new ArrayList<>();
        for (int n = 1; n <= 1_500; n++) sent.add(send(telemetry("spill/t" + n % 5, n)));
        await().atMost(WAIT).until(() -> status().dropped() == 500 && status().queued() == 1_000);
        assertThat(status().onDiskOnly()).isPositive();

        proxy.refuseConnections(false);
        awaitDelivered(1_000);
        assertThat(received).as("the 500 oldest were dropped, the rest arrive in order").isEqualTo(sent.subList(500, 1_500));

        proxy.refuseConnections(true);
        proxy.sever();
        await().atMost(WAIT).until(() -> !status().connected());
        for (int n = 1; n <= 700; n++) send(telemetry("spill/late" + n % 5, n));
        await().atMost(WAIT).until(() -> status().queued() == 700);
        assertThat(status().onDiskOnly()).isPositive();
        time.advance(Duration.ofMinutes(10));
        await().atMost(WAIT).until(() -> status().expired() == 700 && status().queued() == 0);
        await().atMost(WAIT).until(() -> store.backlog().isEmpty());
        assertThat(received).hasSize(1_000);
    }

    /** A broker with an observer on it, and a proxy in front of it that refuses the gateway for now. */
    private TcpProxy outage() throws InterruptedException {
        // unlimited: by default Mosquitto drops QoS 1 messages past 1,000 queued for a slow subscriber
        MosquittoBroker broker = MosquittoBroker.builder().configLine("max_queued_messages 0").start();
        open.add(broker);
        TcpProxy proxy = TcpProxy.to(broker.port());
        open.add(proxy);
        SimClient observer = new SimClient(broker.url(), "observer");
        open.add(observer);
        CountDownLatch subscribed = new CountDownLatch(1);
        observer.onConnect(subscribed::countDown);
        observer.subscribe("spill/#", (t, p) -> received.add(t + "=" + new String(p, StandardCharsets.UTF_8)));
        observer.start();
        assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
        proxy.refuseConnections(true);
        return proxy;
    }

    private Database database() {
        Database db = Database.open(dir, Durability.PROCESS);
        open.add(db);
        return db;
    }

    private void deploy(TcpProxy proxy, OutboxStore store, OutboxSettings settings, Clock clock) {
        vertx = Vertx.vertx();
        LocalCodec.install(vertx.eventBus());
        MqttSettings mqtt = new MqttSettings(false, proxy.url(), "hearth-spill", Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(500),
                "hearth/spill");
        outbox = new BrokerOutbox(mqtt, List.of(), store, settings, clock, new SimpleMeterRegistry(), WINDOW);
        vertx.deployVerticle(outbox).await();
    }

    private void awaitDelivered(int messages) {
        await().atMost(WAIT).untilAsserted(() -> {
            OutboxStatus now = status();
            assertThat(received.size()).as("received %d, outbox at %s", received.size(), now).isGreaterThanOrEqualTo(messages);
            assertThat(now.queued()).isZero();
        });
    }

    private String send(Publication p) {
        outbox.commandPath().publish(p);
        return text(p);
    }

    private OutboxStatus status() {
        return vertx.eventBus().<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query()).await().body();
    }

    private void assertEachTopicInOrder(List<String> sent) {
        Map<String, List<String>> expected = byTopic(sent);
        assertThat(byTopic(received)).isEqualTo(expected);
    }

    private static Map<String, List<String>> byTopic(List<String> messages) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String m : messages) out.computeIfAbsent(m.substring(0, m.indexOf('=')), t -> new ArrayList<>()).add(m);
        return out;
    }

    private static Publication telemetry(String topic, int n) {
        return new Publication(topic, ("{\"seq\":" + n + "}").getBytes(StandardCharsets.UTF_8), 1, false, Publication.Kind.TELEMETRY, Map.of());
    }

    private static Publication command(String topic, int n) {
        return new Publication(topic, ("{\"seq\":" + n + "}").getBytes(StandardCharsets.UTF_8), 1, false, Publication.Kind.COMMAND, Map.of());
    }

    private static String text(Publication p) {
        return p.topic() + "=" + new String(p.payload(), StandardCharsets.UTF_8);
    }

    private static Clock clockOf(VirtualScheduler time) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return time.zone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return time.now();
            }
        };
    }
}
