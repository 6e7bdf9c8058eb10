package dev.hearth.bench.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow-connection run of docs/reliability.md ({@link Rig}, under a light event load): after a baseline of
 * {@link #BASELINE}, {@code count} connections to the gateway's HTTP port, each sending a request's first header line
 * and then one more header byte every 10 s (slowloris), held for {@code holdSeconds}; {@code /health} is asked once a
 * second meanwhile. Passes when the gateway stays alive, no acknowledged event misses its command (automations and
 * MQTT kept working), motion to light p99 while the connections come and stay is within 2x the baseline's, and
 * {@code /health} answers 200 within 5 s of the connections going.
 * <p>
 * Arguments: {@code <work dir> <connections> <hold seconds>}; the gateway's class path is {@code -Dhearth.classpath}.
 */
public final class SlowHttp {
    private static final byte[] START = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

    static final Duration BASELINE = Duration.ofSeconds(20);

    private SlowHttp() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        Duration hold = Duration.ofSeconds(Long.parseLong(args[2]));
        try (Rig rig = new Rig(work)) {
            Process gateway = rig.gateway("gateway");
            try {
                rig.awaitHealthy(Duration.ofSeconds(120));
                rig.startLoad(20);
                long baselineFrom = System.nanoTime();
                Thread.sleep(BASELINE.toMillis());
                long floodFrom = System.nanoTime();
                List<SocketChannel> open = new ArrayList<>();
                int refused = connect(rig.httpPort(), count, open);
                int answered = 0;
                int asked = 0;
                int closedByGateway = 0;
                long end = System.nanoTime() + hold.toNanos();
                long nextByte = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < end) {
                    asked++;
                    if (rig.health() == 200) answered++;
                    if (System.nanoTime() >= nextByte) {
                        closedByGateway += drip(open);
                        nextByte += 10_000_000_000L;
                    }
                    Thread.sleep(1_000);
                }
                long floodTo = System.nanoTime();
                for (SocketChannel c : open) c.close();
                long gone = System.nanoTime();
                boolean healthyAfter = false;
                while (System.nanoTime() - gone < 5_000_000_000L && !(healthyAfter = rig.health() == 200)) Thread.sleep(100);
                Ledger.Figures f = rig.stopLoadAndSettle();
                Ledger.Latency baseline = rig.ledger.latency(baselineFrom, floodFrom);
                Ledger.Latency flooded = rig.ledger.latency(floodFrom, floodTo);
                boolean passed = gateway.isAlive() && healthyAfter && f.missing() == 0
                        && flooded.p99Millis() <= 2 * baseline.p99Millis();
                System.out.printf("%d slow HTTP connections for %d s: %d refused at connect, %d closed by the gateway; /health 200"
                                + " for %d of %d probes meanwhile, %s after; motion to light before: %s; with the connections: %s;"
                                + " events: %s -> %s%n", count, hold.toSeconds(), refused, closedByGateway, answered, asked,
                        healthyAfter ? "200" : "NOT 200", baseline.line(), flooded.line(), f.line(), passed ? "PASS" : "FAIL");
                System.exit(passed ? 0 : 1);
            } finally {
                KillRestart.stop(gateway);
            }
        }
    }

    /** Opens {@code count} connections and sends each the start of a request; the number refused. */
    private static int connect(int port, int count, List<SocketChannel> open) {
        int refused = 0;
        InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", port);
        for (int i = 0; i < count; i++) {
            try {
                SocketChannel c = SocketChannel.open(gateway);
                c.configureBlocking(false);
                c.write(ByteBuffer.wrap(START));
                open.add(c);
            } catch (IOException e) {
                refused++;
            }
        }
        return refused;
    }

    /** One more header byte on every connection still open; the number found closed by the gateway (dropped from the list). */
    private static int drip(List<SocketChannel> open) {
        int closed = 0;
        ByteBuffer probe = ByteBuffer.allocate(256);
        for (var it = open.iterator(); it.hasNext(); ) {
            SocketChannel c = it.next();
            try {
                probe.clear();
                if (c.read(probe) < 0) throw new IOException("closed");
                c.write(ByteBuffer.wrap(new byte[]{'a'}));
            } catch (IOException e) {
                closed++;
                it.remove();
                try {
                    c.close();
                } catch (IOException ignored) {
                    // gone already
                }
            }
        }
        return closed;
    }
}
