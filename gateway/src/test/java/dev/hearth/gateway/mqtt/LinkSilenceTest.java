package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.time.VertxScheduler;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that goes silent without closing anything: a port that accepts TCP and never answers CONNACK
 * (issue 14, item 5) and a partition that swallows every byte both ways (item 6). Real time, short settings:
 * these bound network round trips, as Paho's keep-alive does.
 */
class LinkSilenceTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

    @Test
    void aPortThatNeverAnswersConnackIsGivenUpAfterTheConnectTimeoutAndRetried() throws Exception {
        try (SilentPort port = new SilentPort(); LogLines log = LogLines.of(MqttLink.class);
             Harness h = new Harness("tcp://127.0.0.1:" + port.port())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> port.accepted.size() >= 3);

            assertThat(h.link.connected()).isFalse();
            assertThat(log.lines()).as("what a person reads").anySatisfy(line -> assertThat(line)
                    .startsWith("INFO Cannot connect to tcp://127.0.0.1:" + port.port())
                    .contains("no CONNACK within 1000 ms (mqtt.connect_timeout)"));
        }
    }

    @Test
    void aSilentPartitionIsNoticedWithinOneAndAHalfKeepAlivesAndTheLinkRecoversWhenItEnds() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port());
             Harness h = new Harness(proxy.url())) {
            await().atMost(Duration.ofSeconds(10)).until(h.link::ready);

            Instant cut = Instant.now();
            proxy.partition(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> h.changes.size() == 2);

            ConnectionChanged down = h.changes.get(1);
            assertThat(down.connected()).isFalse();
            assertThat(Duration.between(cut, down.at())).as("time to notice the partition (keep_alive %s)", KEEP_ALIVE)
                    .isLessThan(Duration.ofMillis(KEEP_ALIVE.toMillis() * 3 / 2));
            assertThat(h.link.ready()).as("not ready while partitioned").isFalse();

            proxy.partition(false);
            await().atMost(Duration.ofSeconds(15)).until(h.link::ready);
            assertThat(h.changes).extracting(ConnectionChanged::connected).containsExactly(true, false, true);
        }
    }

    /** A loopback port that accepts connections and never says a word. */
    private static final class SilentPort implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentPort() throws IOException {
            Thread t = new Thread(() -> {
                try {
                    while (true) accepted.add(server.accept());
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-port");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : accepted) s.close();
        }
    }

    /** One link on its own Vert.x context, on real time. */
    private static final class Harness implements AutoCloseable {
        final List<ConnectionChanged> changes = new CopyOnWriteArrayList<>();
        final Vertx vertx = Vertx.vertx();
        final Context context = vertx.getOrCreateContext();
        final MqttLink link;

        Harness(String url) {
            MqttSettings settings = new MqttSettings(false, url, "link-silence-test", Optional.empty(), Optional.empty(),
                    Optional.empty(), KEEP_ALIVE, Duration.ofMinutes(5), CONNECT_TIMEOUT, Duration.ofMillis(200),
                    Duration.ofSeconds(1), "hearth/link-silence-test");
            link = new MqttLink(vertx, context, new VertxScheduler(vertx, context, Clock.systemUTC()), settings,
                    List.of("sensors/#"), true, m -> { }, changes::add);
            context.runOnContext(v -> link.start());
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
