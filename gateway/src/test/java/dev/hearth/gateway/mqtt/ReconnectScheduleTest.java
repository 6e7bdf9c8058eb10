package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.time.Scheduler;
import dev.hearth.gateway.time.VirtualScheduler;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the link tries the broker again, on a real Mosquitto, with the reconnect timers on virtual time:
 * while nothing listens on the broker's port it retries every {@link ReconnectPolicy#REFUSED_RETRY}, so
 * it is back within one such interval (plus the connect itself) of the broker's return; a broker that
 * accepts the connection and then fails it gets the exponential backoff.
 */
class ReconnectScheduleTest {
    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(5);

    @Test
    void aRestartingBrokerIsRetriedAtTheShortIntervalAndTheLinkIsBackWithinOneInterval() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); Harness h = new Harness(broker.url())) {
            await().atMost(Duration.ofSeconds(10)).until(h.link::ready);

            broker.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> h.delays.size() == 1);
            assertThat(h.delays.get(0)).as("first retry after losing the link: the backoff's minimum ±20 %")
                    .isBetween(Duration.ofMillis(80), Duration.ofMillis(120));
            for (int attempt = 0; attempt < 8; attempt++) h.nextAttempt();
            // A doubling backoff would be at its 5 s maximum by now.
            assertThat(h.delays.subList(1, h.delays.size())).as("retries while the port refuses connections")
                    .hasSize(8).containsOnly(ReconnectPolicy.REFUSED_RETRY);

            broker.startAgain();
            int attemptsBefore = h.delays.size();
            h.scheduler.advance(ReconnectPolicy.REFUSED_RETRY);
            await().atMost(Duration.ofSeconds(10)).until(h.link::ready);
            assertThat(h.delays).as("the attempt due one interval after the broker's return connected and subscribed")
                    .hasSize(attemptsBefore);
            assertThat(h.changes).extracting(ConnectionChanged::connected).containsExactly(true, false, true);
        }
    }

    @Test
    void aBrokerThatAcceptsTheConnectionButFailsItGetsAGrowingBackoff() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port())) {
            proxy.refuseConnections(true); // accepts the TCP connection, then closes it before CONNACK
            try (Harness h = new Harness(proxy.url())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> h.delays.size() == 1);
                for (int attempt = 0; attempt < 4; attempt++) h.nextAttempt();

                assertThat(h.delays).hasSize(5);
                for (int i = 0; i < h.delays.size(); i++) {
                    long step = MIN.toMillis() << i;
                    assertThat(h.delays.get(i).toMillis()).as("delay %d", i + 1).isBetween(step * 8 / 10, step * 12 / 10);
                }

                proxy.refuseConnections(false);
                h.scheduler.advance(h.delays.get(h.delays.size() - 1));
                await().atMost(Duration.ofSeconds(10)).until(h.link::ready);
            }
        }
    }

    @Test
    void aLinkThatFailedManyAttemptsInARowStillConnectsOnceTheBrokerAnswersAgain() throws Exception {
        // given: a broker that accepts every connection and fails it, tried again and again
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port())) {
            proxy.refuseConnections(true);
            try (Harness h = new Harness(proxy.url())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> h.delays.size() == 1);
                for (int attempt = 0; attempt < 30; attempt++) h.nextAttempt();

                // when: it answers again
                proxy.refuseConnections(false);
                h.scheduler.advance(h.delays.get(h.delays.size() - 1));

                // then: the next attempt connects (each failed Paho client gave its threads back)
                await().atMost(Duration.ofSeconds(10)).until(h.link::ready);
            }
        }
    }

    /** One link on its own Vert.x context, its reconnect timers on a virtual clock that records every delay. */
    private static final class Harness implements AutoCloseable {
        final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        final List<ConnectionChanged> changes = new CopyOnWriteArrayList<>();
        final Vertx vertx = Vertx.vertx();
        final Context context = vertx.getOrCreateContext();
        final MqttLink link;

        Harness(String url) {
            Scheduler recording = new Scheduler() {
                @Override
                public Instant now() {
                    return scheduler.now();
                }

                @Override
                public java.time.ZoneId zone() {
                    return scheduler.zone();
                }

                @Override
                public Cancellable schedule(Duration delay, Runnable task) {
                    delays.add(delay);
                    return scheduler.schedule(delay, task);
                }
            };
            MqttSettings settings = new MqttSettings(false, url, "reconnect-schedule-test", Optional.empty(), Optional.empty(),
                    Optional.empty(), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5), MIN, MAX,
                    "hearth/reconnect-schedule-test");
            link = new MqttLink(vertx, context, recording, settings, List.of("sensors/#"), true, m -> { }, changes::add);
            context.runOnContext(v -> link.start());
        }

        /** Lets the last scheduled delay pass on the virtual clock and waits until the attempt it started failed. */
        void nextAttempt() {
            int before = delays.size();
            scheduler.advance(delays.get(before - 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> delays.size() > before);
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
