package dev.hearth.gateway.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /api/events}: Server-Sent Events of state changes ({@code state}), device events ({@code event}: a button's
 * press), availability ({@code availability}), devices discovered or removed ({@code devices}: ids {@code added} and
 * {@code removed}, topics), automation runs ({@code automation}) and the broker link ({@code connection}).
 * Lives on the web verticle's event loop; a comment line every 15 s keeps proxies from closing idle streams.
 * A client slower than the home (its buffer full) is dropped rather than buffered without bound: the
 * browser's EventSource reconnects by itself.
 */
final class LiveStream {
    static final long KEEP_ALIVE_MS = 15_000;

    private final Set<HttpServerResponse> clients = new LinkedHashSet<>();

    void open(RoutingContext ctx) {
        HttpServerResponse r = ctx.response();
        r.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no")
                // Not compressed: a compressor may hold an event back until it has enough bytes.
                .putHeader("Content-Encoding", "identity");
        r.write("retry: 2000\n\n");
        clients.add(r);
        r.closeHandler(v -> clients.remove(r));
        r.exceptionHandler(e -> clients.remove(r));
    }

    /** Sends an event to every open stream; with none open (the usual case) the JSON is never built. */
    void publish(String event, Supplier<JsonObject> data) {
        if (clients.isEmpty()) return;
        String frame = "event: " + event + "\ndata: " + data.get().encode() + "\n\n";
        for (HttpServerResponse r : Set.copyOf(clients)) {
            if (r.writeQueueFull()) {
                clients.remove(r);
                r.reset();
            } else r.write(frame);
        }
    }

    void keepAlive() {
        for (HttpServerResponse r : Set.copyOf(clients)) r.write(": keep-alive\n\n");
    }

    int clients() {
        return clients.size();
    }
}
