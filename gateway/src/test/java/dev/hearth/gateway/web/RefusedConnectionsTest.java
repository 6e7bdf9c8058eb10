package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, item 11: a flood of connections past {@code http.limits.max_connections} costs the gateway's one event
 * loop (shared by automations, MQTT and the dashboard) nothing. They used to be accepted onto that loop, given an
 * HTTP pipeline and connection, and only then closed: with 19,700 slow clients the loop fell behind, the
 * half-built connections piled up in the heap and the gateway ran out of memory. Now they are reset where they are
 * accepted. The event loop's own allocations during the flood measure what each refused connection cost it.
 */
class RefusedConnectionsTest {
    static final int CAP = 50;
    static final int FLOOD = 3_000;
    /** Far below an HTTP pipeline and connection (several KB each), above the loop's own timers over the flood. */
    static final long MAX_LOOP_BYTES_PER_REFUSED = 512;
    static final ByteBuffer SLOW_START = StandardCharsets.US_ASCII.encode("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");

    @TempDir
    Path dir;
    TestHome home;
    final List<SocketChannel> held = new ArrayList<>();
    final List<SocketChannel> flood = new ArrayList<>();

    @BeforeEach
    void start() {
        int port = FreePort.loopback();
        String yaml = TestHome.embeddedBroker(port).replace("http:\n  port: 0\n",
                "http:\n  port: 0\n  limits: { max_connections: " + CAP + ", request_timeout: 60s }\n");
        home = TestHome.start(dir, yaml, "tcp://127.0.0.1:" + port).awaitConnected();
    }

    @AfterEach
    void stop() throws IOException {
        for (SocketChannel s : held) s.close();
        for (SocketChannel s : flood) s.close();
        home.close();
    }

    @Test
    void connectionsPastTheCapAreResetWhereTheyArriveAndTheDashboardAnswersOnceTheyGo() throws Exception {
        // given: slow clients hold every connection the gateway allows
        for (int i = 0; i < CAP; i++) held.add(slowClient());
        await().atMost(Duration.ofSeconds(10)).until(() -> serverConnections() == CAP);
        long loopBytesBefore = allocatedOnTheEventLoop();

        // when: thousands more arrive, each starting a request it never finishes
        for (int i = 0; i < FLOOD; i++) flood.add(slowClient());

        // then: each is dropped by the gateway, and the event loop spent next to nothing on them
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> flood.stream().filter(s -> !closedByServer(s)).count() == 0);
        long perRefused = (allocatedOnTheEventLoop() - loopBytesBefore) / FLOOD;
        assertThat(perRefused).as("bytes the event loop allocated per refused connection").isLessThan(MAX_LOOP_BYTES_PER_REFUSED);
        assertThat(serverConnections()).isEqualTo(CAP);
        home.assertMotionSwitchesLight();

        // and: once the slow clients go, the dashboard answers
        for (SocketChannel s : held) s.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> serverConnections() == 0);
        WebClient client = TestClients.webClient(home.gateway().vertx());
        try {
            assertThat(client.get(home.gateway().httpPort(), "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
        } finally {
            client.close();
        }
    }

    private SocketChannel slowClient() throws IOException {
        SocketChannel s = SocketChannel.open(new InetSocketAddress("127.0.0.1", home.gateway().httpPort()));
        s.configureBlocking(false);
        try {
            s.write(SLOW_START.duplicate());
        } catch (IOException e) {
            // reset already: counted as dropped below
        }
        return s;
    }

    private double serverConnections() {
        return home.gateway().meters().registry().get("hearth.web.connections").gauge().value();
    }

    /** Bytes allocated so far by the gateway's event-loop thread (it has one: automations, MQTT and web share it). */
    private long allocatedOnTheEventLoop() throws Exception {
        Vertx vertx = home.gateway().vertx();
        CompletableFuture<Long> bytes = new CompletableFuture<>();
        vertx.runOnContext(v -> bytes.complete(((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId())));
        return bytes.get(10, TimeUnit.SECONDS);
    }

    private static boolean closedByServer(SocketChannel s) {
        try {
            return s.read(ByteBuffer.allocate(512)) < 0;
        } catch (IOException e) {
            return true;  // reset by the server
        }
    }
}
