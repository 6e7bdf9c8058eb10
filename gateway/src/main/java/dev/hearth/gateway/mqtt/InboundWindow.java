package dev.hearth.gateway.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounds the QoS 1 and 2 messages one connection has handed over and not yet acknowledged, whatever the broker does.
 * The receive maximum the link announces should be bound enough, but Mosquitto 2.0.11 does not keep it: each PUBACK of
 * the oldest message in flight moves up to a receive maximum of queued messages in flight, however many already are
 * (its {@code db__message_delete_outgoing} counts only those before the acknowledged one), so a session with a backlog
 * ends up with all of it in flight, and a resumed session gets all of it at once (6,859 after a {@code kill -9}
 * under load). Past {@link #MAX_MESSAGES} or {@link #MAX_BYTES}, Paho's callback thread waits here until
 * acknowledgements make room: Paho stops reading, TCP pushes back, and the messages wait at the broker, where they are
 * safe. There is always room for the announced window, so a broker that keeps it never waits.
 * <p>
 * {@link #admit} on Paho's callback thread; {@link #acknowledged} and {@link #close} on any other.
 */
final class InboundWindow {
    private static final Logger log = LoggerFactory.getLogger(InboundWindow.class);
    /** More than a start-up's held events usually are (they wait for the retained state behind them in the stream). */
    static final int MAX_MESSAGES = 10_000;
    /** Payloads may be up to 64 KiB each: the heap the unacknowledged ones take is bounded too. */
    static final long MAX_BYTES = 16L << 20;

    private final int announced;
    private final String broker;
    /** Packet id to payload size of each message handed over and not yet acknowledged. */
    private final Map<Integer, Integer> open = new HashMap<>();
    private long bytes;
    private boolean closed;
    private boolean told;

    /** {@code announced}: the receive maximum the connection announced; {@code broker} names it in the log. */
    InboundWindow(int announced, String broker) {
        this.announced = announced;
        this.broker = broker;
    }

    /**
     * Waits until the message fits, then counts it as handed over. False when the connection closed meanwhile: the
     * message stays with the broker, which sends it again on the resumed session.
     */
    synchronized boolean admit(int messageId, int size) {
        while (!closed && full(size)) {
            if (!told) {
                told = true;
                log.warn("{} sent {} QoS 1 messages not yet acknowledged, more than the {} the gateway announced: reading "
                        + "from the broker waits until earlier ones are handled (the rest wait at the broker)", broker,
                        open.size(), announced);
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (closed) return false;
        Integer before = open.put(messageId, size);
        bytes += size - (before == null ? 0 : before);
        return true;
    }

    /** The message with this packet id has been acknowledged to the broker. */
    synchronized void acknowledged(int messageId) {
        Integer size = open.remove(messageId);
        if (size == null) return;
        bytes -= size;
        notifyAll();
    }

    /** The connection is gone: nothing waits any more. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** How many messages are handed over and not acknowledged. */
    synchronized int unacknowledged() {
        return open.size();
    }

    private boolean full(int size) {
        return open.size() >= announced && (open.size() >= MAX_MESSAGES || bytes + size > MAX_BYTES);
    }
}
