package dev.hearth.gateway.mqtt;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Paho reads the packets of its broker link a byte at a time (the fixed header) from the socket's stream; the
 * gateway's sockets buffer that stream so a packet, or a burst of them, costs one system call rather than one a
 * byte. Counted with Linux's per-thread I/O accounting ({@code syscr} in {@code /proc/thread-self/io}).
 */
class SocketReadsTest {
    /** 200 PUBACK packets (4 bytes each), as a broker sends them under load. */
    private static final byte[] PUBACKS = pubacks(200);

    @Test
    void aBurstOfPacketsReadAByteAtATimeCostsAFewSystemCallsNotOneAByte() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new NoDelaySocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket broker = server.accept()) {
            // Given a burst of packets already in the socket's receive buffer
            broker.getOutputStream().write(PUBACKS);
            DataInputStream in = new DataInputStream(client.getInputStream());
            awaitReadable(client);

            // When they are read as Paho reads them, a byte at a time
            long before = readCalls();
            for (byte expected : PUBACKS) assertThat(in.readByte()).isEqualTo(expected);
            long calls = readCalls() - before;

            // Then a handful of reads brought them all (counting the reads of /proc itself; a plain socket: over 800)
            assertThat(calls).isLessThanOrEqualTo(10);
            assertThat(client.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void aReadThatTimesOutWhileIdleLosesNothingOfWhatComesAfter() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new NoDelaySocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket broker = server.accept()) {
            // Given an idle link with Paho's read timeout (shortened)
            client.setSoTimeout(100);
            DataInputStream in = new DataInputStream(client.getInputStream());
            assertThatThrownBy(in::readByte).isInstanceOf(SocketTimeoutException.class);

            // When the broker then sends packets
            OutputStream out = broker.getOutputStream();
            out.write(PUBACKS);

            // Then every byte is read, in order
            byte[] read = new byte[PUBACKS.length];
            in.readFully(read);
            assertThat(read).isEqualTo(PUBACKS);
        }
    }

    private static byte[] pubacks(int n) {
        byte[] b = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            b[i * 4] = 0x40;
            b[i * 4 + 1] = 2;
            b[i * 4 + 2] = (byte) (i >> 8);
            b[i * 4 + 3] = (byte) i;
        }
        return b;
    }

    /** Waits until the whole burst has arrived, so that one read can take it. */
    private static void awaitReadable(Socket client) {
        await().atMost(Duration.ofSeconds(5)).until(() -> client.getInputStream().available() >= PUBACKS.length);
    }

    private static long readCalls() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/io"))) {
            if (line.startsWith("syscr:")) return Long.parseLong(line.substring(6).trim());
        }
        throw new IllegalStateException("no syscr in /proc/thread-self/io");
    }
}
