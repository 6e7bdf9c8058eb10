package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.mqtt.InboundMessage;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sensor message is acknowledged to the broker only once the commands it caused are committed to the
 * outbox. If the link drops before that (as in a crash), the broker sends the message again; a message
 * that caused nothing is acknowledged at once and never comes back.
 */
class InboundAckTest {

    @TempDir
    Path dir;

    @Test
    void aMessageWhoseCommandsAreNotYetCommittedIsSentAgainAfterALinkLoss() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port());
             TestHome home = TestHome.start(dir, TestHome.externalBroker(proxy.url(), "30s"), broker.url()).awaitConnected()) {
            Map<String, AtomicInteger> arrivals = countInbound(home);
            SimClient sensor = home.connectedClient("sensors");
            sensor.publish("zigbee2mqtt/hallway_motion", "{\"occupancy\":false}");
            home.awaitKnown("hallway_motion", "occupancy");
            await().atMost(Duration.ofSeconds(20)).until(() -> home.gateway().core().armed());

            CountDownLatch release = new CountDownLatch(1);
            Thread holder = holdDatabase(home, release);
            try {
                sensor.publish("zigbee2mqtt/living_temperature", "{\"temperature\":21.5}");
                sensor.publish("zigbee2mqtt/hallway_motion", "{\"occupancy\":true}");
                await().atMost(Duration.ofSeconds(10)).until(() -> count(arrivals, "zigbee2mqtt/hallway_motion") == 2
                        && count(arrivals, "zigbee2mqtt/living_temperature") == 1);

                proxy.sever();
                await().atMost(Duration.ofSeconds(10)).until(() -> count(arrivals, "zigbee2mqtt/hallway_motion") == 3);
            } finally {
                release.countDown();
                holder.join();
            }
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() ->
                    count(arrivals, "zigbee2mqtt/living_temperature") == 1 && count(arrivals, "zigbee2mqtt/hallway_motion") == 3);
            assertThat(OutboxOutageTest.status(home.gateway().vertx().eventBus()).queued()).isZero();
        }
    }

    /** Watches what the bridge hands to the core, without taking it away from the core. */
    private static Map<String, AtomicInteger> countInbound(TestHome home) {
        Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        home.gateway().vertx().eventBus().addOutboundInterceptor(ctx -> {
            if (ctx.message().address().equals(Addresses.MQTT_INBOUND) && ctx.body() instanceof InboundMessage m) {
                arrivals.computeIfAbsent(m.topic(), t -> new AtomicInteger()).incrementAndGet();
            }
            ctx.next();
        });
        return arrivals;
    }

    private static int count(Map<String, AtomicInteger> arrivals, String topic) {
        AtomicInteger n = arrivals.get(topic);
        return n == null ? 0 : n.get();
    }

    /** Holds the database's only connection, so that no commit can happen until {@code release}. */
    private static Thread holdDatabase(TestHome home, CountDownLatch release) throws InterruptedException {
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
