package dev.hearth.gateway.mqtt;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next connection attempt. A refused TCP connection (nothing listens:
 * the broker is restarting) costs the broker nothing, so it is retried at a short fixed interval and
 * the gateway is back within that interval of the broker's return. A failure once the connection
 * was made (CONNACK refused, no CONNACK in time, link lost) means the broker itself struggles: those
 * wait an exponential backoff, so that a broker in trouble is not hammered. With full jitter (a fleet's uplink) a
 * refused connection waits the backoff too: thousands of gateways retrying every 250 ms would all be back within
 * 250 ms of the broker's return.
 */
final class ReconnectPolicy {
    /** The retry interval while nothing accepts the TCP connection. */
    static final Duration REFUSED_RETRY = Duration.ofMillis(250);

    private final Backoff backoff;
    private final Duration refusedRetry;
    private final boolean fullJitter;

    ReconnectPolicy(Duration min, Duration max, boolean fullJitter) {
        this(min, max, fullJitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} returns values in [0, 1). */
    ReconnectPolicy(Duration min, Duration max, boolean fullJitter, DoubleSupplier random) {
        this.backoff = new Backoff(min, max, fullJitter, random);
        this.refusedRetry = REFUSED_RETRY.compareTo(max) < 0 ? REFUSED_RETRY : max;
        this.fullJitter = fullJitter;
    }

    /** The delay after a failed connection attempt. */
    Duration afterFailedConnect(Throwable failure) {
        return refused(failure) && !fullJitter ? refusedRetry : backoff.next();
    }

    /** The delay after an established connection was lost. */
    Duration afterLinkLost() {
        return backoff.next();
    }

    /** A connection was accepted: the backoff starts again from its minimum. */
    void connected() {
        backoff.reset();
    }

    /** Whether the attempt failed at the TCP connect, before any MQTT packet was exchanged. */
    static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Paho wraps the socket's exception (reason code 32103, "unable to connect to server").
            if (t instanceof ConnectException) return true;
        }
        return false;
    }
}
