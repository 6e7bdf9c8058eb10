package dev.hearth.gateway.web;

import dev.hearth.gateway.Gateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser-like API client: keeps the session cookie and sends the CSRF token on state changes. */
final class SignedInClient implements AutoCloseable {
    private final Gateway gateway;
    private final WebClient plain;
    private final WebClientSession session;
    private String csrf = "";

    SignedInClient(Gateway gateway) {
        this.gateway = gateway;
        this.plain = TestClients.webClient(gateway.vertx());
        this.session = WebClientSession.create(plain);
    }

    SignedInClient signIn(String secret) {
        HttpResponse<Buffer> r = session.post(gateway.httpPort(), "127.0.0.1", "/login")
                .sendJsonObject(new JsonObject().put("secret", secret)).await();
        assertThat(r.statusCode()).as("sign-in: %s", r.bodyAsString()).isEqualTo(200);
        csrf = r.bodyAsJsonObject().getString("csrfToken");
        return this;
    }

    String csrf() {
        return csrf;
    }

    HttpResponse<Buffer> get(String path) {
        return session.get(gateway.httpPort(), "127.0.0.1", path).send().await();
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        return withCsrf(session.post(gateway.httpPort(), "127.0.0.1", path)).sendJsonObject(body).await();
    }

    HttpResponse<Buffer> post(String path) {
        return withCsrf(session.post(gateway.httpPort(), "127.0.0.1", path)).send().await();
    }

    HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path) {
        return session.request(method, gateway.httpPort(), "127.0.0.1", path);
    }

    /** A client with no session at all. */
    WebClient anonymous() {
        return plain;
    }

    private HttpRequest<Buffer> withCsrf(HttpRequest<Buffer> r) {
        return r.putHeader("X-CSRF-Token", csrf);
    }

    @Override
    public void close() {
        session.close();
    }
}
