package dev.hearth.sim.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting TCP forwarder on a free loopback port: cuts, withholds or refuses
 * connections without touching the broker behind it.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    private final boolean mqtt;
    private final java.util.concurrent.atomic.AtomicLong withheld = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean withholdPubacks;
    private volatile boolean blackhole;
    private volatile boolean partitioned;
    private volatile boolean refusing;
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort) {
        this(targetHost, targetPort, false);
    }

    private TcpProxy(String targetHost, int targetPort, boolean mqtt) {
        this.mqtt = mqtt;
        this.target = new InetSocketAddress(targetHost, targetPort);
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        spawn("tcp-proxy-accept-" + port(), this::acceptLoop);
    }

    /** Forwards to 127.0.0.1:targetPort. */
    public static TcpProxy to(int targetPort) {
        return new TcpProxy("127.0.0.1", targetPort);
    }

    /**
     * Forwards to 127.0.0.1:targetPort, reading the server's bytes as MQTT packets so that
     * {@link #withholdPubacks} can hold back the broker's acknowledgements and nothing else.
     */
    public static TcpProxy mqtt(int targetPort) {
        return new TcpProxy("127.0.0.1", targetPort, true);
    }

    /**
     * While on (a proxy made by {@link #mqtt}), the broker's PUBACKs to the client vanish: the broker
     * has the client's messages, the client never learns it; everything else passes.
     */
    public void withholdPubacks(boolean on) {
        if (!mqtt) throw new IllegalStateException("withholding PUBACKs needs a proxy made by TcpProxy.mqtt");
        withholdPubacks = on;
    }

    /** PUBACKs withheld so far. */
    public long withheldPubacks() {
        return withheld.get();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** While on, client-to-server bytes vanish but every connection stays open. */
    public void blackhole(boolean on) {
        blackhole = on;
    }

    /**
     * While on, a silent partition: bytes in both directions vanish and no connection is closed, not even
     * one the broker ends meanwhile (no FIN, no RST reaches the client), as when a router dies between
     * them. Once off, traffic flows again and the connections the broker ended meanwhile close.
     */
    public void partition(boolean on) {
        partitioned = on;
    }

    /** While on, new connections are accepted and closed at once, like a broker that is down. */
    public void refuseConnections(boolean on) {
        refusing = on;
    }

    /** Abruptly closes every current connection (both sides). */
    public void sever() {
        for (Link link : links) {
            link.close();
        }
        links.clear();
    }

    /** Connections accepted since start, refused ones included. */
    public int connectionCount() {
        return accepted.get();
    }

    /** Client-to-server bytes swallowed by the blackhole so far. */
    public long droppedBytes() {
        return dropped.get();
    }

    /** Connections currently being forwarded. */
    public int openConnections() {
        return links.size();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sever();
        for (Thread thread : threads) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                if (refusing) {
                    abort(client);
                } else {
                    connect(client);
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 2000);
        } catch (IOException e) {
            abort(client);
            closeQuietly(upstream);
            return;
        }
        Link link = new Link(client, upstream);
        links.add(link);
        spawn("tcp-proxy-up-" + port(), () -> pump(link, client, upstream, true));
        spawn("tcp-proxy-down-" + port(), () -> {
            if (mqtt) pumpPackets(link, upstream, client);
            else pump(link, upstream, client, false);
        });
    }

    private void pump(Link link, Socket from, Socket to, boolean clientToServer) {
        byte[] buffer = new byte[16 * 1024];
        try {
            var in = from.getInputStream();
            var out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (partitioned || clientToServer && blackhole) {
                    dropped.addAndGet(n);
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // A severed or reset link ends here; the other pump notices via close below.
        } finally {
            awaitHealed();
            link.close();
            links.remove(link);
            threads.remove(Thread.currentThread());
        }
    }

    /** Server to client, one MQTT packet at a time: fixed header byte, remaining length, body. */
    private void pumpPackets(Link link, Socket from, Socket to) {
        try {
            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(from.getInputStream()));
            var out = to.getOutputStream();
            java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
            int first;
            while ((first = in.read()) >= 0) {
                packet.reset();
                packet.write(first);
                int length = 0;
                for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7) {
                    b = in.readUnsignedByte();
                    packet.write(b);
                    length |= (b & 0x7F) << shift;
                }
                byte[] body = new byte[length];
                in.readFully(body);
                packet.write(body);
                if (withholdPubacks && (first & 0xF0) == 0x40) {
                    withheld.incrementAndGet();
                    continue;
                }
                if (partitioned) continue;
                packet.writeTo(out);
                out.flush();
            }
        } catch (IOException e) {
            // A severed or reset link ends here; the other pump notices via close below.
        } finally {
            awaitHealed();
            link.close();
            links.remove(link);
            threads.remove(Thread.currentThread());
        }
    }

    /** A partition hides the end of a connection too: its close waits until the partition is over. */
    private void awaitHealed() {
        while (partitioned && !closed) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private void spawn(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** RST instead of FIN, so the peer sees an abrupt loss as with a pulled cable or crashed broker. */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing useful to do.
        }
    }

    private record Link(Socket client, Socket upstream) {
        void close() {
            abort(client);
            abort(upstream);
        }
    }
}
