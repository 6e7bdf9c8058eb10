package dev.hearth.gateway.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps idle and slow clients from holding the server: at most {@code maxConnections} open (Vert.x 5
 * has no such option, so extras are closed as they arrive), and a new connection must send its first
 * request within {@code requestTimeout} (a slowloris client dribbling a header never does). The idle
 * timeout and header limits are the server's own options. Confined to the web verticle's event loop.
 */
final class ConnectionGuard {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final HttpSettings.Limits limits;
    /** Connections still waiting for their first request, with the timer that closes them. */
    private final Map<HttpConnection, Long> awaitingRequest = new HashMap<>();
    private int open;
    private long refused;
    private Instant lastWarning = Instant.MIN;

    ConnectionGuard(Vertx vertx, HttpSettings.Limits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    void connected(HttpConnection connection) {
        if (open >= limits.maxConnections()) {
            refused++;
            connection.close();
            warnFull();
            return;
        }
        open++;
        long timer = vertx.setTimer(limits.requestTimeout().toMillis(), id -> {
            if (awaitingRequest.remove(connection) != null) connection.close();
        });
        awaitingRequest.put(connection, timer);
        connection.closeHandler(v -> {
            open--;
            Long pending = awaitingRequest.remove(connection);
            if (pending != null) vertx.cancelTimer(pending);
        });
    }

    void requested(HttpServerRequest request) {
        Long timer = awaitingRequest.remove(request.connection());
        if (timer != null) vertx.cancelTimer(timer);
    }

    int open() {
        return open;
    }

    /** At most one line a minute however many arrive: the log must not become the next thing to fill up. */
    private void warnFull() {
        Instant now = Instant.now();
        if (now.isBefore(lastWarning.plus(LOG_EVERY))) return;
        lastWarning = now;
        log.warn("HTTP connection limit reached ({} open, http.limits.max_connections); {} refused so far",
                open, refused);
    }
}
