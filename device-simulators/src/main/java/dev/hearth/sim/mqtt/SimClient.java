package dev.hearth.sim.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT v5 client for simulated devices that never gives up: its own reconnect loop
 * (Paho's never recovers from a failed first connect, #930), a fresh clean session per
 * connection, an in-memory outbox and a publish window sized from the broker's Receive Maximum.
 */
public final class SimClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimClient.class);
    private static final int OUTBOX_CAPACITY = 10_000;
    private static final long CONNECT_WATCHDOG_MILLIS = 5_000;

    private final String brokerUrl;
    private final String clientId;
    private final Outbox outbox = new Outbox(OUTBOX_CAPACITY);
    private final Subscriptions subscriptions = new Subscriptions();
    private final List<Runnable> onConnect = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object signal = new Object();
    private final ScheduledExecutorService control;
    private final ExecutorService dispatcher;
    private final Thread sender;
    private final Backoff backoff = new Backoff(50, 1_000);
    private final Session.Events events = new PahoEvents();
    private volatile Session current;
    private Session pending;
    private volatile Will will;
    private volatile int keepAliveSeconds = 10;

    public SimClient(String brokerUrl, String clientId) {
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.control = Executors.newSingleThreadScheduledExecutor(Daemons.named("simclient-control-" + clientId));
        this.dispatcher = Executors.newSingleThreadExecutor(Daemons.named("simclient-dispatch-" + clientId));
        this.sender = Daemons.named("simclient-send-" + clientId).newThread(this::sendLoop);
    }

    public String clientId() {
        return clientId;
    }

    /** Must be set before {@link #start()}; published by the broker when the link dies without DISCONNECT. */
    public void setWill(String topic, byte[] payload, boolean retained) {
        this.will = new Will(topic, payload.clone(), retained);
    }

    /** Must be set before {@link #start()}; short values let tests detect a withheld link quickly. */
    public void setKeepAlive(Duration keepAlive) {
        this.keepAliveSeconds = (int) Math.max(1, keepAlive.toSeconds());
    }

    /** Runs after every successful (re)connect, once subscriptions are restored. */
    public void onConnect(Runnable hook) {
        onConnect.add(hook);
    }

    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        sender.start();
        control.execute(this::attempt);
    }

    public void publish(String topic, String payload, int qos, boolean retained) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
    }

    /** Never throws for connection state: offline messages wait in the outbox. */
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        outbox.add(new Outgoing(seq.incrementAndGet(), topic, payload.clone(), qos, retained));
    }

    /** QoS 1, not retained. */
    public void publish(String topic, String payload) {
        publish(topic, payload, 1, false);
    }

    public void subscribe(String filter, BiConsumer<String, byte[]> handler) {
        if (subscriptions.add(filter, handler)) {
            control.execute(() -> subscribeNow(filter));
        }
    }

    public boolean isConnected() {
        Session session = current;
        return session != null && session.isConnected();
    }

    public int connectCount() {
        return connects.get();
    }

    /** Messages waiting for a connection or for room in the publish window. */
    public int queued() {
        return outbox.size();
    }

    /** Waits until everything published so far has been acknowledged by the broker (QoS 1) or sent (QoS 0). */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (outbox.unsettled() == 0) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
        }
        return false;
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

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            control.submit(this::teardown).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("{}: teardown incomplete: {}", clientId, e.toString());
        }
        control.shutdownNow();
        dispatcher.shutdownNow();
        sender.interrupt();
        joinQuietly(sender);
        wake();
    }

    private void teardown() {
        Session session = current;
        current = null;
        if (session != null) {
            session.disconnect();
        }
        if (pending != null) {
            pending.close();
            pending = null;
        }
    }

    // --- connection loop, confined to the control thread ---

    private void attempt() {
        if (closed.get()) {
            return;
        }
        try {
            Session session = new Session(brokerUrl, clientId, events);
            pending = session;
            session.connect(options(), new ConnectListener(session));
            control.schedule(() -> connectFailed(session, "no CONNACK in time"),
                    CONNECT_WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        } catch (MqttException | RuntimeException e) {
            LOG.info("{}: cannot connect to {}: {}", clientId, brokerUrl, e.getMessage());
            retryLater();
        }
    }

    private MqttConnectionOptions options() {
        var options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(keepAliveSeconds);
        options.setConnectionTimeout(3);
        Will w = will;
        if (w != null) {
            options.setWill(w.topic(), new MqttMessage(w.payload(), 1, w.retained(), null));
        }
        return options;
    }

    private void connected(Session session, IMqttToken token) {
        if (closed.get() || pending != session) {
            session.close();
            return;
        }
        pending = null;
        try {
            session.connected(token);
            session.subscribe(subscriptions.filters(), 5_000);
        } catch (MqttException | RuntimeException e) {
            LOG.info("{}: subscribing after connect failed: {}", clientId, e.getMessage());
            session.close();
            retryLater();
            return;
        }
        current = session;
        backoff.reset();
        int count = connects.incrementAndGet();
        LOG.info("{}: connected to {} (connection #{})", clientId, brokerUrl, count);
        onConnect.forEach(this::runHook);
        wake();
    }

    private void connectFailed(Session session, String reason) {
        if (pending != session) {
            return;
        }
        pending = null;
        session.close();
        LOG.info("{}: connect to {} failed: {}", clientId, brokerUrl, reason);
        retryLater();
    }

    private void lost(Session session, String reason) {
        if (current != session) {
            return;
        }
        current = null;
        LOG.info("{}: disconnected from {}: {}", clientId, brokerUrl, reason);
        outbox.requeue(session.takeUnacknowledged());
        session.close();
        retryLater();
    }

    private void retryLater() {
        if (!closed.get()) {
            control.schedule(this::attempt, backoff.next(), TimeUnit.MILLISECONDS);
        }
    }

    private void subscribeNow(String filter) {
        Session session = current;
        if (session == null) {
            return; // subscribed on the next connect
        }
        try {
            session.subscribe(new String[] {filter}, 5_000);
        } catch (MqttException | RuntimeException e) {
            LOG.info("{}: subscribe {} failed: {}", clientId, filter, e.getMessage());
        }
    }

    private void runHook(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: on-connect hook failed: {}", clientId, e.toString());
        }
    }

    // --- sending, on the sender thread ---

    private void sendLoop() {
        try {
            while (!closed.get()) {
                Session session = current;
                if (session == null) {
                    awaitSignal(); // leave messages queued (and visible) while offline
                    continue;
                }
                Outgoing message = outbox.poll(100);
                if (message != null && !session.trySend(message, outbox, 100)) {
                    outbox.returnFirst(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitSignal() throws InterruptedException {
        synchronized (signal) {
            if (current == null && !closed.get()) {
                signal.wait(50);
            }
        }
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Will(String topic, byte[] payload, boolean retained) {
    }

    private final class ConnectListener implements MqttActionListener {
        private final Session session;

        ConnectListener(Session session) {
            this.session = session;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            handOff(() -> connected(session, token));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            handOff(() -> connectFailed(session, String.valueOf(cause == null ? null : cause.getMessage())));
        }
    }

    /** Paho's threads only enqueue work; anything else risks its callback thread. */
    private void handOff(Runnable work) {
        try {
            control.execute(work);
        } catch (RuntimeException e) {
            LOG.debug("{}: event after close ignored", clientId);
        }
    }

    private final class PahoEvents implements Session.Events {
        @Override
        public void lost(Session session, String reason) {
            handOff(() -> SimClient.this.lost(session, reason));
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
