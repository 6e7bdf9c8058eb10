package dev.hearth.gateway.outbox;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sensor message is acknowledged to the broker only once the commands it caused are safe: committed
 * to the outbox, or acknowledged by the broker, whichever comes first. The commands do not wait for the
 * commit to be sent. If the link drops before either (as in a crash), the broker sends the message
 * again; a message that caused nothing is acknowledged at once and never comes back.
 */
class InboundAckTest {

    @TempDir
    Path dir;

    @Test
    void aMessageWhoseCommandsAreNeitherCommittedNorAcknowledgedIsSentAgainAfterALinkLoss() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.mqtt(broker.port());
             TestHome home = TestHome.start(dir, TestHome.externalBroker(proxy.url(), "30s"), broker.url()).awaitConnected()) {
            Map<String, AtomicInteger> arrivals = countInbound(home);
            List<String> commands = watchCommands(home);
            SimClient sensor = armedWithMotionKnown(home);

            CountDownLatch release = new CountDownLatch(1);
            Thread holder = holdOutboxSession(home, release);
            try {
                proxy.withholdPubacks(true);
                sensor.publish("zigbee2mqtt/living_temperature", "{\"temperature\":21.5}");
                sensor.publish("zigbee2mqtt/hallway_motion", "{\"occupancy\":true}");
                await().atMost(Duration.ofSeconds(10)).until(() -> count(arrivals, "zigbee2mqtt/hallway_motion") == 2
                        && count(arrivals, "zigbee2mqtt/living_temperature") == 1);
                // sent without waiting for its commit, which the held session prevents
                await().atMost(Duration.ofSeconds(10)).until(() -> commands.stream().anyMatch(c -> c.contains("\"ON\"")));

                proxy.sever();
                proxy.withholdPubacks(false);
                await().atMost(Duration.ofSeconds(10)).until(() -> count(arrivals, "zigbee2mqtt/hallway_motion") == 3);
            } finally {
                release.countDown();
                holder.join();
            }
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() ->
                    count(arrivals, "zigbee2mqtt/living_temperature") == 1 && count(arrivals, "zigbee2mqtt/hallway_motion") == 3);
            assertThat(proxy.withheldPubacks()).isPositive();
            assertThat(OutboxOutageTest.status(home.gateway().vertx().eventBus()).queued()).isZero();
        }
    }

    @Test
    void aMessageIsAcknowledgedOnceTheBrokerHasItsCommandsEvenBeforeTheirCommit() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.mqtt(broker.port());
             TestHome home = TestHome.start(dir, TestHome.externalBroker(proxy.url(), "30s"), broker.url()).awaitConnected()) {
            Map<String, AtomicInteger> arrivals = countInbound(home);
            List<String> commands = watchCommands(home);
            SimClient sensor = armedWithMotionKnown(home);

            CountDownLatch release = new CountDownLatch(1);
            Thread holder = holdOutboxSession(home, release);
            try {
                sensor.publish("zigbee2mqtt/hallway_motion", "{\"occupancy\":true}");
                await().atMost(Duration.ofSeconds(10)).until(() -> commands.stream().anyMatch(c -> c.contains("\"ON\""))
                        && OutboxOutageTest.status(home.gateway().vertx().eventBus()).queued() == 0);
                // the acknowledgement follows the PUBACK at once; give Paho's sender a moment to write it
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                proxy.sever();
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                        count(arrivals, "zigbee2mqtt/hallway_motion") == 2);
                assertThat(holder.isAlive()).as("the outbox's session was held throughout").isTrue();
            } finally {
                release.countDown();
                holder.join();
            }
        }
    }

    /** A sensor client, once the gateway knows the hallway is empty and its automations are armed. */
    private static SimClient armedWithMotionKnown(TestHome home) {
        SimClient sensor = home.connectedClient("sensors");
        sensor.publish("zigbee2mqtt/hallway_motion", "{\"occupancy\":false}");
        home.awaitKnown("hallway_motion", "occupancy");
        await().atMost(Duration.ofSeconds(20)).until(() -> home.gateway().home().armed());
        return sensor;
    }

    private static List<String> watchCommands(TestHome home) {
        List<String> commands = new CopyOnWriteArrayList<>();
        home.connectedClient("watcher").subscribe("zigbee2mqtt/hallway_light/set",
                (t, p) -> commands.add(new String(p, StandardCharsets.UTF_8)));
        return commands;
    }

    /** Watches what the bridge hands to the core, without taking it away from the core. */
    private static Map<String, AtomicInteger> countInbound(TestHome home) {
        Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        home.gateway().bridge().observeInbound(m -> arrivals.computeIfAbsent(m.topic(), t -> new AtomicInteger()).incrementAndGet());
        return arrivals;
    }

    private static int count(Map<String, AtomicInteger> arrivals, String topic) {
        AtomicInteger n = arrivals.get(topic);
        return n == null ? 0 : n.get();
    }

    /** Holds the outbox's database session, so that no outbox commit can happen until {@code release}. */
    private static Thread holdOutboxSession(TestHome home, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = new Thread(() -> home.gateway().database().session("outbox").transaction(c -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        holding.await();
        return holder;
    }
}
