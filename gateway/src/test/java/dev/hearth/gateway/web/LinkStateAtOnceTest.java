package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status API says which broker the link is for, and how it stands, from the gateway's start, before any
 * connection event: here the broker's port accepts TCP connections and never answers CONNACK, so no attempt ends for
 * a minute. Failed before the fix: the broker, since and reason came only with a connection event ("not known yet").
 */
class LinkStateAtOnceTest {
    @TempDir
    static Path dir;
    /** Accepts connections in its backlog and never reads: a host that answers TCP but has no broker behind it. */
    static ServerSocket silent;
    static TestHome home;
    static SignedInClient api;
    static Instant started;

    @BeforeAll
    static void start() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        String url = "tcp://127.0.0.1:" + silent.getLocalPort();
        started = Instant.now();
        home = TestHome.start(dir, TestHome.externalBroker(url, "30s").replace("connect_timeout: 2s", "connect_timeout: 1m"), url);
        api = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value());
    }

    @AfterAll
    static void stop() throws IOException {
        if (api != null) api.close();
        if (home != null) home.close();
        silent.close();
    }

    @Test
    void theStatusNamesTheBrokerAndSaysConnectingSinceTheStartBeforeAnyAttemptEnded() {
        HttpResponse<Buffer> r = api.get("/api/status");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        JsonObject connection = r.bodyAsJsonObject().getJsonObject("connection");
        assertThat(connection.getBoolean("connected")).isFalse();
        assertThat(connection.getString("broker")).isEqualTo("tcp://127.0.0.1:" + silent.getLocalPort());
        assertThat(connection.getString("reason")).isEqualTo("connecting");
        assertThat(Instant.parse(connection.getString("since"))).isBetween(started, Instant.now());
    }
}
