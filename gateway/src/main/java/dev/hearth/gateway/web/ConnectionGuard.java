package dev.hearth.gateway.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps slow clients from holding the server: a new connection must send its first request within
 * {@code requestTimeout} (a slowloris client dribbling a header never does). How many may be open is capped before
 * a connection gets this far ({@link dev.hearth.gateway.runtime.AcceptGate}); the idle timeout and header limits are
 * the server's own options. Confined to the web verticle's event loop.
 */
final class ConnectionGuard {
    private final Vertx vertx;
    private final HttpSettings.Limits limits;
    /** Connections still waiting for their first request, with the timer that closes them. */
    private final Map<HttpConnection, Long> awaitingRequest = new HashMap<>();

    ConnectionGuard(Vertx vertx, HttpSettings.Limits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    void connected(HttpConnection connection) {
        long timer = vertx.setTimer(limits.requestTimeout().toMillis(), id -> {
            if (awaitingRequest.remove(connection) != null) connection.close();
        });
        awaitingRequest.put(connection, timer);
        connection.closeHandler(v -> {
            Long pending = awaitingRequest.remove(connection);
            if (pending != null) vertx.cancelTimer(pending);
        });
    }

    void requested(HttpServerRequest request) {
        Long timer = awaitingRequest.remove(request.connection());
        if (timer != null) vertx.cancelTimer(timer);
    }
}
