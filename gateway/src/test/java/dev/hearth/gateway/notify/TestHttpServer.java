package dev.hearth.gateway.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A real HTTP server on 127.0.0.1 that records what it receives and answers {@code status}; it can go away and come back. */
final class TestHttpServer implements AutoCloseable {
    record Received(String method, String uri, Map<String, String> headers, String body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private volatile int status = 200;
    private int port;
    private HttpServer server;

    TestHttpServer(Vertx vertx) {
        this.vertx = vertx;
    }

    TestHttpServer start() {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received.add(new Received(req.method().name(), req.uri(), req.headers().entries().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue, (x, y) -> x)), b.toString()));
            req.response().setStatusCode(status).end();
        })).listen(port, "127.0.0.1").await();
        port = server.actualPort();
        return this;
    }

    void answer(int status) {
        this.status = status;
    }

    /** Stops listening; {@link #start()} listens again on the same port. */
    void stop() {
        server.close().await();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        if (server != null) server.close().await();
    }
}
