package dev.hearth.sim.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT v5 client for simulated devices that never gives up: its own reconnect loop, a fresh
 * clean session per connection, an in-memory outbox and a publish window sized from the broker's
 * Receive Maximum. Nothing here throws to the caller because the broker is away.
 */
public final class SimClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimClient.class);
    private static final int OUTBOX_CAPACITY = 10_000;

    private final String brokerUrl;
    private final String clientId;
    private final Outbox outbox = new Outbox(OUTBOX_CAPACITY);
    private final Subscriptions subscriptions = new Subscriptions();
    private final List<Runnable> onConnect = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object signal = new Object();
    private final ScheduledExecutorService control;
    private final ExecutorService dispatcher;
    private volatile ConnectionLoop loop;
    private Sender sender;
    private Thread senderThread;
    private volatile ConnectSettings.Will will;
    private volatile int keepAliveSeconds = 10;

    public SimClient(String brokerUrl, String clientId) {
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.control = Executors.newSingleThreadScheduledExecutor(Daemons.named("simclient-control-" + clientId));
        this.dispatcher = Executors.newSingleThreadExecutor(Daemons.named("simclient-dispatch-" + clientId));
    }

    public String clientId() {
        return clientId;
    }

    /** Set before {@link #start()}; the broker publishes it when the link dies without DISCONNECT. */
    public void setWill(String topic, byte[] payload, boolean retained) {
        this.will = new ConnectSettings.Will(topic, payload.clone(), retained);
    }

    /** Set before {@link #start()}; short values let tests detect a withheld link quickly. */
    public void setKeepAlive(Duration keepAlive) {
        this.keepAliveSeconds = (int) Math.max(1, keepAlive.toSeconds());
    }

    /** Runs after every successful (re)connect, once subscriptions are restored. */
    public void onConnect(Runnable hook) {
        onConnect.add(hook);
    }

    public synchronized void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        var settings = new ConnectSettings(brokerUrl, clientId, keepAliveSeconds, Optional.ofNullable(will));
        loop = new ConnectionLoop(settings, control, new PahoEvents(), subscriptions, onConnect, outbox, this::wake);
        sender = new Sender(outbox, this::currentSession, signal);
        senderThread = Daemons.named("simclient-send-" + clientId).newThread(sender);
        senderThread.start();
        loop.start();
    }

    public void publish(String topic, String payload, int qos, boolean retained) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
    }

    /** Never throws for connection state: offline messages wait in the outbox (oldest dropped past 10k). */
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        outbox.add(new Outgoing(seq.incrementAndGet(), topic, payload.clone(), qos, retained));
    }

    /** QoS 1, not retained. */
    public void publish(String topic, String payload) {
        publish(topic, payload, 1, false);
    }

    /** Handlers run on this client's single dispatch thread, in arrival order. */
    public void subscribe(String filter, BiConsumer<String, byte[]> handler) {
        ConnectionLoop current = loop;
        if (subscriptions.add(filter, handler) && current != null) {
            current.subscribe(filter);
        }
    }

    public boolean isConnected() {
        Session session = currentSession();
        return session != null && session.isConnected();
    }

    public int connectCount() {
        ConnectionLoop current = loop;
        return current == null ? 0 : current.connectCount();
    }

    /** Messages waiting for a connection or for room in the publish window. */
    public int queued() {
        return outbox.size();
    }

    /** Waits until everything published so far was acknowledged by the broker (QoS 1) or sent (QoS 0). */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outbox.unsettled() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(2_000_000L);
        }
        return true;
    }

    public boolean awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (!isConnected() && !closed.get()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    signal.wait(Math.min(left, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return isConnected();
    }

    /** Disconnects politely (so no will), stops every thread; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ConnectionLoop current = loop;
        if (current != null) {
            try {
                control.submit(current::close).get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("{}: teardown incomplete: {}", clientId, e.toString());
            }
        }
        control.shutdownNow();
        dispatcher.shutdownNow();
        stopSender();
        wake();
    }

    private synchronized void stopSender() {
        if (senderThread == null) {
            return;
        }
        sender.stop();
        senderThread.interrupt();
        try {
            senderThread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Session currentSession() {
        ConnectionLoop current = loop;
        return current == null ? null : current.current();
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Paho's threads only hand off: blocking them drops the connection, throwing kills the client. */
    private final class PahoEvents implements Session.Events {
        @Override
        public void lost(Session session, String reason) {
            ConnectionLoop current = loop;
            if (current != null) {
                current.lost(session, reason);
            }
        }

        @Override
        public void message(String topic, byte[] payload) {
            try {
                dispatcher.execute(() -> subscriptions.dispatch(topic, payload));
            } catch (RuntimeException e) {
                LOG.debug("{}: message on {} after close dropped", clientId, topic);
            }
        }
    }
}
