package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.time.VertxScheduler;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mosquitto 2.0.11 does not keep the receive maximum the gateway announces (100): each PUBACK of the oldest message in
 * flight moves up to 100 queued messages in flight however many already are, so a session with a backlog gets all of
 * it, unacknowledged (6,859 after a kill -9 under load, all held in the heap until triggers armed). The link bounds
 * what it hands over unacknowledged whatever the broker does, and loses nothing. Real Mosquitto, real time.
 */
class InboundWindowTest {
    private static final int QUEUED = 15_000;
    /** Each acknowledgement of the oldest message lets Mosquitto move up to 100 more in flight: 150 move them all. */
    private static final int ACKNOWLEDGED_AT_ONCE = 600;

    @Test
    void aBrokerThatSendsPastTheReceiveMaximumIsReadOnlyAsFastAsMessagesAreAcknowledgedAndNoneIsLost() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_queued_messages 100000").start();
             LogLines windowLog = LogLines.of(InboundWindow.class)) {
            // Given the gateway's session has 15,000 QoS 1 messages queued while it was away
            try (Harness first = new Harness(broker.url())) {
                await().atMost(Duration.ofSeconds(10)).until(first.link::ready);
            }
            try (SimClient sensor = new SimClient(broker.url(), "window-sensor")) {
                sensor.start();
                assertThat(sensor.awaitConnected(Duration.ofSeconds(10))).isTrue();
                // in parts: the simulator's own outbox keeps at most 10,000
                for (int part = 0; part < QUEUED; part += 5_000) {
                    IntStream.rangeClosed(part + 1, part + 5_000).forEach(n -> sensor.publish("sensors/m", Integer.toString(n), 1, false));
                    assertThat(sensor.awaitIdle(Duration.ofSeconds(60))).as("broker acknowledged every message").isTrue();
                }
            }

            // When the gateway comes back and acknowledges only its first 300 messages (triggers not armed yet)
            try (Harness second = new Harness(broker.url())) {
                second.acknowledgeFirst(ACKNOWLEDGED_AT_ONCE);
                await().atMost(Duration.ofSeconds(30)).until(() -> second.handedOver() >= InboundWindow.MAX_MESSAGES);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> second.unacknowledged() <= InboundWindow.MAX_MESSAGES);

                // Then it holds no more unacknowledged messages than its bound, though the broker sent more
                assertThat(second.handedOver()).as("handed over while held (%d unacknowledged)", second.unacknowledged()).isLessThan(QUEUED);
                assertThat(windowLog.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN " + broker.url() + " sent 10000 QoS 1 messages"));

                // and once it acknowledges again, every message comes, in order
                second.acknowledgeAll();
                await().atMost(Duration.ofSeconds(60)).until(() -> second.distinct() >= QUEUED);
                assertThat(second.inFirstArrivalOrder()).containsExactlyElementsOf(IntStream.rangeClosed(1, QUEUED).boxed().toList());
            }
        }
    }

    /** One link on its own Vert.x context, handing messages to a test that acknowledges when it chooses. */
    private static final class Harness implements AutoCloseable {
        final Vertx vertx = Vertx.vertx();
        final Context context = vertx.getOrCreateContext();
        final MqttLink link;
        private final List<InboundMessage> received = new ArrayList<>();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private int acknowledgeUpTo;
        private boolean acknowledgeAll;

        Harness(String url) {
            MqttSettings settings = new MqttSettings(false, url, "inbound-window-test", Optional.empty(), Optional.empty(),
                    Optional.empty(), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(200),
                    Duration.ofSeconds(1), "hearth/inbound-window-test");
            link = new MqttLink(vertx, context, new VertxScheduler(vertx, context, Clock.systemUTC()), settings,
                    List.of("sensors/#"), true, m -> {
                        if (m instanceof InboundMessage message) context.runOnContext(v -> arrived(message));
                    }, (ConnectionChanged c) -> { });
            context.runOnContext(v -> link.start());
        }

        void acknowledgeFirst(int n) {
            context.runOnContext(v -> acknowledgeUpTo = n);
        }

        void acknowledgeAll() {
            context.runOnContext(v -> {
                acknowledgeAll = true;
                received.stream().skip(acknowledged.get()).forEach(this::acknowledge);
            });
        }

        int handedOver() {
            return onContext(received::size);
        }

        int unacknowledged() {
            return handedOver() - acknowledged.get();
        }

        long distinct() {
            return onContext(() -> received.stream().map(Harness::number).distinct().count());
        }

        List<Integer> inFirstArrivalOrder() {
            return onContext(() -> received.stream().map(Harness::number).distinct().toList());
        }

        private void arrived(InboundMessage m) {
            received.add(m);
            if (acknowledgeAll || received.size() <= acknowledgeUpTo) acknowledge(m);
        }

        private void acknowledge(InboundMessage m) {
            link.ack(m.ackToken());
            acknowledged.incrementAndGet();
        }

        private static int number(InboundMessage m) {
            return Integer.parseInt(new String(m.payload(), StandardCharsets.UTF_8));
        }

        private <T> T onContext(java.util.function.Supplier<T> read) {
            CompletableFuture<T> value = new CompletableFuture<>();
            context.runOnContext(v -> value.complete(read.get()));
            return value.join();
        }

        @Override
        public void close() throws Exception {
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            context.runOnContext(v -> link.stop().onComplete(r -> stopped.complete(null)));
            stopped.get(10, TimeUnit.SECONDS);
            vertx.close().await();
        }
    }
}
