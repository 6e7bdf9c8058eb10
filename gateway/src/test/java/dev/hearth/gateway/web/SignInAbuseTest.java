package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.gateway.web.auth.LoginThrottle;
import dev.hearth.gateway.web.auth.PasswordHash;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, items 13 and 14: guessing is limited per client, counted before the check, and nobody's
 * guesses lock out anybody else. Each test speaks from its own loopback addresses (127.0.0.0/8), so
 * the per-address limits of one test do not touch another.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInAbuseTest {
    static final String PASSWORD = "correct horse battery staple";
    @TempDir
    static Path dir;
    static TestHome home;
    static final List<WebClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        int port = FreePort.loopback();
        String yaml = TestHome.embeddedBroker(port).replace("http:\n  port: 0\n",
                "http:\n  port: 0\n  password_hash: " + PasswordHash.of(PASSWORD.toCharArray()).encoded() + "\n");
        home = TestHome.start(dir, yaml, "tcp://127.0.0.1:" + port).awaitConnected();
    }

    @AfterAll
    static void stop() {
        clients.forEach(WebClient::close);
        home.close();
    }

    @Test
    @Order(1)  // first, so that no other test's failures could be what refuses these guesses
    void parallelGuessesFromOneClientAreCountedBeforeTheyAreChecked() {
        WebClient guesser = from("127.0.0.2");
        List<Future<HttpResponse<Buffer>>> guesses = IntStream.range(0, 40)
                .mapToObj(i -> login(guesser, "wrong guess " + i)).toList();

        Map<Integer, Long> statuses = Future.all(guesses).await().<HttpResponse<Buffer>>list().stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

        assertThat(statuses.getOrDefault(401, 0L)).as("checked: %s", statuses).isLessThanOrEqualTo(LoginThrottle.PER_ADDRESS);
        assertThat(statuses.getOrDefault(429, 0L)).as("refused unchecked: %s", statuses).isEqualTo(40 - statuses.getOrDefault(401, 0L));
    }

    @Test
    void strangersFailingFromManyAddressesDoNotLockOutTheRealUser() {
        for (int a = 3; a <= 9; a++) {
            WebClient stranger = from("127.0.0." + a);
            for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) assertThat(login(stranger, "guess " + i).await().statusCode()).isEqualTo(401);
            assertThat(login(stranger, "guess").await().statusCode()).isEqualTo(429);
        }
        String token = home.gateway().accessToken().value();

        assertThat(login(from("127.0.0.10"), PASSWORD).await().statusCode()).as("password from another address").isEqualTo(200);
        assertThat(login(from("127.0.0.11"), token).await().statusCode()).as("token from another address").isEqualTo(200);
        assertThat(from("127.0.0.12").get(home.gateway().httpPort(), "127.0.0.1", "/api/devices").bearerTokenAuthentication(token)
                .send().await().statusCode()).as("bearer from another address").isEqualTo(200);
    }

    @Test
    void wrongBearerTokensAreLimitedLikeSignIns() {
        WebClient script = from("127.0.0.13");
        Function<String, Integer> call = bearer -> script.get(home.gateway().httpPort(), "127.0.0.1", "/api/devices")
                .bearerTokenAuthentication(bearer).send().await().statusCode();
        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) assertThat(call.apply("guess" + i)).isEqualTo(401);

        assertThat(call.apply("another guess")).isEqualTo(429);
        assertThat(call.apply(home.gateway().accessToken().value())).as("even the right one, from this address").isEqualTo(429);
        assertThat(from("127.0.0.14").get(home.gateway().httpPort(), "127.0.0.1", "/api/devices")
                .bearerTokenAuthentication(home.gateway().accessToken().value()).send().await().statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestForAnotherHostNameIsRefused() {
        WebClient browser = from("127.0.0.15");
        int port = home.gateway().httpPort();
        HttpResponse<Buffer> rebound = browser.get(port, "127.0.0.1", "/health").putHeader("Host", "attacker.example:" + port).send().await();
        assertThat(rebound.statusCode()).isEqualTo(421);
        assertThat(browser.post(port, "127.0.0.1", "/login").putHeader("Host", "attacker.example")
                .sendJsonObject(new JsonObject().put("secret", PASSWORD)).await().statusCode()).isEqualTo(421);

        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST", "192.168.1.20:" + port)) {
            assertThat(browser.get(port, "127.0.0.1", "/health").putHeader("Host", host).send().await().statusCode())
                    .as(host).isEqualTo(200);
        }
    }

    private static Future<HttpResponse<Buffer>> login(WebClient client, String secret) {
        return client.post(home.gateway().httpPort(), "127.0.0.1", "/login").sendJsonObject(new JsonObject().put("secret", secret));
    }

    private static WebClient from(String localAddress) {
        WebClient client = WebClient.create(home.gateway().vertx(), new WebClientOptions().setLocalAddress(localAddress)
                .setIdleTimeout(30), new PoolOptions().setHttp1MaxSize(64));
        clients.add(client);
        return client;
    }
}
