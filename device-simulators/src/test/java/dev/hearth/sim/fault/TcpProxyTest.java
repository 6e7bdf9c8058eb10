package dev.hearth.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {
    private EchoServer echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = TcpProxy.to(echo.port());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "hello");
            assertThat(read(socket, 5)).isEqualTo("hello");
            assertThat(proxy.connectionCount()).isEqualTo(1);
            assertThat(proxy.url()).isEqualTo("tcp://127.0.0.1:" + proxy.port());
        }
    }

    @Test
    void blackholeDropsClientBytesButKeepsTheConnection() throws IOException {
        try (Socket socket = connect()) {
            proxy.blackhole(true);
            send(socket, "lost");
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.droppedBytes() == 4);
            proxy.blackhole(false);
            send(socket, "kept");
            assertThat(read(socket, 4)).isEqualTo("kept");
        }
    }

    @Test
    void severClosesCurrentConnections() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "x");
            assertThat(read(socket, 1)).isEqualTo("x");
            proxy.sever();
            assertThat(endOfStream(socket)).isTrue();
            try (Socket again = connect()) {
                send(again, "y");
                assertThat(read(again, 1)).isEqualTo("y");
            }
        }
    }

    @Test
    void refusingAcceptsThenClosesNewConnections() throws IOException {
        proxy.refuseConnections(true);
        try (Socket socket = connect()) {
            assertThat(endOfStream(socket)).isTrue();
        }
        assertThat(proxy.connectionCount()).isEqualTo(1);
        proxy.refuseConnections(false);
        try (Socket socket = connect()) {
            send(socket, "z");
            assertThat(read(socket, 1)).isEqualTo("z");
        }
    }

    @Test
    void closeFreesThePortAndThreads() throws IOException {
        Socket open = connect();
        int port = proxy.port();
        proxy.close();
        assertThat(endOfStream(open)).isTrue();
        open.close();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().endsWith("-" + port)));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    private static String read(Socket socket, int n) throws IOException {
        return new String(socket.getInputStream().readNBytes(n), StandardCharsets.UTF_8);
    }

    /** A closed or reset connection both count: the peer is gone either way. */
    private static boolean endOfStream(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }
}
