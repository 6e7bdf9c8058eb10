package dev.hearth.sim.mqtt;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own connect/reconnect loop (Paho's never recovers from a failed first connect, #930).
 * Everything here runs on one control thread; Paho's threads only enqueue work onto it.
 */
final class ConnectionLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);
    private static final long CONNECT_WATCHDOG_MILLIS = 5_000;
    private static final long SUBSCRIBE_TIMEOUT_MILLIS = 5_000;

    private final ConnectSettings settings;
    private final ScheduledExecutorService control;
    private final Session.Events events;
    private final Subscriptions subscriptions;
    private final List<Runnable> hooks;
    private final Outbox outbox;
    private final Runnable onChange;
    /**
     * Capped well under the gateway's one-second start-up settle: a simulated device is back on a restarted (embedded)
     * broker before the gateway arms its automations, whatever the machine's load, as real devices on a LAN usually are.
     */
    private final Backoff backoff = new Backoff(50, 250);
    private final AtomicInteger connects = new AtomicInteger();
    private volatile Session current;
    private volatile boolean closed;
    private Session pending;

    ConnectionLoop(ConnectSettings settings, ScheduledExecutorService control, Session.Events events,
                   Subscriptions subscriptions, List<Runnable> hooks, Outbox outbox, Runnable onChange) {
        this.settings = settings;
        this.control = control;
        this.events = events;
        this.subscriptions = subscriptions;
        this.hooks = hooks;
        this.outbox = outbox;
        this.onChange = onChange;
    }

    void start() {
        control.execute(this::attempt);
    }

    Session current() {
        return current;
    }

    int connectCount() {
        return connects.get();
    }

    /** Paho callback threads call this; it only enqueues. */
    void lost(Session session, String reason) {
        handOff(() -> onLost(session, reason));
    }

    void subscribe(String filter) {
        handOff(() -> subscribeNow(filter));
    }

    /** Runs on the control thread: a polite DISCONNECT (no will) and no more attempts. */
    void close() {
        closed = true;
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

    private void attempt() {
        if (closed) {
            return;
        }
        try {
            Session session = new Session(settings.brokerUrl(), settings.clientId(), events);
            pending = session;
            session.connect(options(), new ConnectListener(session));
            control.schedule(() -> connectFailed(session, "no CONNACK in time"),
                    CONNECT_WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        } catch (MqttException | RuntimeException e) {
            LOG.info("{}: cannot connect to {}: {}", settings.clientId(), settings.brokerUrl(), e.getMessage());
            retryLater();
        }
    }

    private MqttConnectionOptions options() {
        var options = new MqttConnectionOptions();
        options.setCleanStart(true); // devices keep no session
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(3);
        if (settings.brokerUrl().startsWith("tcp://")) {
            options.setSocketFactory(new NoDelaySocketFactory());
        }
        settings.will().ifPresent(w ->
                options.setWill(w.topic(), new MqttMessage(w.payload(), 1, w.retained(), null)));
        return options;
    }

    private void connected(Session session, IMqttToken token) {
        if (closed || pending != session) {
            session.close();
            return;
        }
        pending = null;
        try {
            session.connected(token);
            session.subscribe(subscriptions.filters(), SUBSCRIBE_TIMEOUT_MILLIS);
        } catch (MqttException | RuntimeException e) {
            LOG.info("{}: subscribing after connect failed: {}", settings.clientId(), e.getMessage());
            session.close();
            retryLater();
            return;
        }
        current = session;
        backoff.reset();
        LOG.info("{}: connected to {} (connection #{})", settings.clientId(), settings.brokerUrl(),
                connects.incrementAndGet());
        hooks.forEach(this::runHook);
        onChange.run();
    }

    private void connectFailed(Session session, String reason) {
        if (pending != session) {
            return;
        }
        pending = null;
        session.close();
        LOG.info("{}: connect to {} failed: {}", settings.clientId(), settings.brokerUrl(), reason);
        retryLater();
    }

    private void onLost(Session session, String reason) {
        if (current != session) {
            return;
        }
        current = null;
        LOG.info("{}: disconnected from {}: {}", settings.clientId(), settings.brokerUrl(), reason);
        outbox.requeue(session.takeUnacknowledged());
        session.close();
        onChange.run();
        retryLater();
    }

    private void retryLater() {
        if (!closed) {
            control.schedule(this::attempt, backoff.next(), TimeUnit.MILLISECONDS);
        }
    }

    private void subscribeNow(String filter) {
        Session session = current;
        if (session == null) {
            return; // subscribed on the next connect
        }
        try {
            session.subscribe(new String[] {filter}, SUBSCRIBE_TIMEOUT_MILLIS);
        } catch (MqttException | RuntimeException e) {
            LOG.info("{}: subscribe {} failed: {}", settings.clientId(), filter, e.getMessage());
        }
    }

    private void runHook(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: on-connect hook failed: {}", settings.clientId(), e.toString());
        }
    }

    private void handOff(Runnable work) {
        try {
            control.execute(work);
        } catch (RuntimeException e) {
            LOG.debug("{}: event after close ignored", settings.clientId());
        }
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
}
