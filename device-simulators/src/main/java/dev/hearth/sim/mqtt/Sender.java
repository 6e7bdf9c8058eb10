package dev.hearth.sim.mqtt;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Moves messages from the outbox into the current session, one at a time and in order,
 * leaving them queued (and visible) while there is no connection.
 */
final class Sender implements Runnable {
    private static final long POLL_MILLIS = 100;

    private final Outbox outbox;
    private final Supplier<Session> current;
    private final Object signal;
    private volatile boolean stopped;

    Sender(Outbox outbox, Supplier<Session> current, Object signal) {
        this.outbox = outbox;
        this.current = current;
        this.signal = signal;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                Session session = current.get();
                if (session == null) {
                    awaitConnection();
                } else {
                    sendNext(session);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendNext(Session session) throws InterruptedException {
        Outgoing message = outbox.poll(POLL_MILLIS);
        if (message != null && !session.trySend(message, outbox, POLL_MILLIS)) {
            outbox.returnFirst(message);
            if (!session.isConnected()) {
                TimeUnit.MILLISECONDS.sleep(5); // until the control thread notices the dead link
            }
        }
    }

    private void awaitConnection() throws InterruptedException {
        synchronized (signal) {
            if (current.get() == null && !stopped) {
                signal.wait(50);
            }
        }
    }
}
