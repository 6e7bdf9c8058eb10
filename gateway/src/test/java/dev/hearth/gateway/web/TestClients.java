package dev.hearth.gateway.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** HTTP clients for tests: a request the gateway never answers fails after a while instead of hanging the build. */
final class TestClients {
    private static final int IDLE_TIMEOUT_SECONDS = 30;

    private TestClients() {
    }

    static WebClient webClient(Vertx vertx) {
        return WebClient.create(vertx, new WebClientOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS));
    }
}
