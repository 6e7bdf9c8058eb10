package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, item 11: idle and slow connections cannot exhaust the gateway. Extras beyond the cap are
 * closed at once; connections that never complete a request are closed after the request timeout,
 * and idle ones after the idle timeout, by the server; then the dashboard answers as before.
 */
class ConnectionLimitsTest {
    static final int CAP = 100;
    static final int SOCKETS = 2_000;
    @TempDir
    Path dir;
    TestHome home;
    final List<SocketChannel> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        int port = FreePort.loopback();
        String yaml = TestHome.embeddedBroker(port).replace("http:\n  port: 0\n",
                "http:\n  port: 0\n  limits: { max_connections: " + CAP + ", idle_timeout: 1s, request_timeout: 2s }\n");
        home = TestHome.start(dir, yaml, "tcp://127.0.0.1:" + port).awaitConnected();
    }

    @AfterEach
    void stop() throws IOException {
        for (SocketChannel s : sockets) s.close();
        home.close();
    }

    @Test
    void idleAndSlowConnectionsAreBoundedAndClosedThenTheDashboardAnswers() throws IOException {
        for (int i = 0; i < SOCKETS; i++) sockets.add(connect());
        // one slowloris client: a request line and one header, then nothing
        sockets.get(0).write(StandardCharsets.US_ASCII.encode("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(serverConnections()).as("connections the server holds").isLessThanOrEqualTo(CAP);
            assertThat(open()).as("connections that never sent a request").isZero();
        });

        WebClient client = TestClients.webClient(home.gateway().vertx());
        try {
            assertThat(client.get(home.gateway().httpPort(), "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
            assertThat(client.get(home.gateway().httpPort(), "127.0.0.1", "/api/devices")
                    .bearerTokenAuthentication(home.gateway().accessToken().value()).send().await().statusCode()).isEqualTo(200);
        } finally {
            client.close();
        }
    }

    @Test
    void aConnectionIdleAfterItsRequestIsClosedByTheServer() throws IOException {
        SocketChannel s = connect();
        sockets.add(s);
        s.write(StandardCharsets.US_ASCII.encode("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        ByteBuffer response = ByteBuffer.allocate(4096);
        await().atMost(Duration.ofSeconds(5)).until(() -> s.read(response) > 0);
        assertThat(StandardCharsets.US_ASCII.decode(response.flip()).toString()).startsWith("HTTP/1.1 200");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> closedByServer(s));
    }

    private SocketChannel connect() throws IOException {
        SocketChannel s = SocketChannel.open(new InetSocketAddress("127.0.0.1", home.gateway().httpPort()));
        s.configureBlocking(false);
        return s;
    }

    private double serverConnections() {
        return home.gateway().meters().registry().get("hearth.web.connections").gauge().value();
    }

    private long open() {
        return sockets.stream().filter(s -> !closedByServer(s)).count();
    }

    private static boolean closedByServer(SocketChannel s) {
        try {
            return s.read(ByteBuffer.allocate(512)) < 0;
        } catch (IOException e) {
            return true;  // reset by the server
        }
    }
}
