package dev.hearth.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.MqttPingSender;
import org.eclipse.paho.mqttv5.client.internal.ClientComms;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Paho's keep-alive, checked often. Paho pings once {@code keep_alive} passed without traffic and calls the
 * link dead when, at its next check, a ping is outstanding and nothing came in for {@code keep_alive}; but
 * its own sender checks only every {@code keep_alive}, so a silent partition (no FIN, no RST) is noticed
 * after up to 2 × {@code keep_alive}. Checking every eighth of it, the same rule fires within
 * 1.125 × {@code keep_alive} (plus Paho's 100 ms grace) of the last byte received.
 */
final class PromptPingSender implements MqttPingSender {
    /** Checks per keep-alive interval. */
    static final int CHECKS_PER_INTERVAL = 8;

    private final ScheduledExecutorService executor;
    private final long checkMillis;
    private ClientComms comms;
    private ScheduledFuture<?> next;
    private boolean stopped;
    /** When Paho's keep-alive was last checked (or started); readable from any thread. */
    private volatile long lastCheckNanos = System.nanoTime();

    PromptPingSender(ScheduledExecutorService executor, Duration keepAlive) {
        this.executor = executor;
        this.checkMillis = Math.max(50, keepAlive.toMillis() / CHECKS_PER_INTERVAL);
    }

    @Override
    public synchronized void init(ClientComms comms) {
        this.comms = comms;
    }

    @Override
    public synchronized void start() {
        stopped = false;
        lastCheckNanos = System.nanoTime();
        schedule(checkMillis);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (next != null) next.cancel(false);
    }

    /** Paho's wish for its next check; we check at least every {@link #checkMillis}. */
    @Override
    public synchronized void schedule(long delayMillis) {
        if (stopped || executor.isShutdown()) return;
        if (next != null) next.cancel(false);
        next = executor.schedule(this::check, Math.max(1, Math.min(delayMillis, checkMillis)), TimeUnit.MILLISECONDS);
    }

    /** Paho's check reschedules through {@link #schedule}, or ends the connection when the broker went silent. */
    private void check() {
        ClientComms c;
        synchronized (this) {
            if (stopped) return;
            c = comms;
        }
        lastCheckNanos = System.nanoTime();
        c.checkForActivity();
    }

    /** When the keep-alive was last checked: a check long overdue means Paho's threads are dead or stuck. */
    long lastCheckNanos() {
        return lastCheckNanos;
    }
}
