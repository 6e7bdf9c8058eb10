package dev.hearth.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the gateway's start has opened so far, closed in reverse order: a start that fails half-way undoes
 * exactly what it did, and a stop undoes the whole start. Not thread-safe: one start, one stop.
 */
final class Closers {
    private static final Logger log = LoggerFactory.getLogger(Closers.class);
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Remembers {@code resource} to close; returns it, so opening and remembering are one expression. */
    <T extends AutoCloseable> T push(T resource) {
        opened.push(resource);
        return resource;
    }

    /** The start failed with {@code cause}: closes everything, and a failure to close is added to the cause. */
    void closeAfter(Throwable cause) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception | Error e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The stop: closes everything; a part that fails to close is logged and the others still close. */
    void closeAll() {
        while (!opened.isEmpty()) {
            AutoCloseable next = opened.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("Did not stop cleanly: {}", e.toString());
            }
        }
    }
}
