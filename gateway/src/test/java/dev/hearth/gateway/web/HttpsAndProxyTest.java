package dev.hearth.gateway.web;

import dev.hearth.gateway.Main;
import dev.hearth.gateway.support.CommandLineRun;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.gateway.web.auth.LoginThrottle;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14, item 15: HTTPS from PEM files, the session cookie {@code Secure} under TLS or behind a
 * trusted proxy, and no plain HTTP on the network unless the configuration says so.
 */
class HttpsAndProxyTest {
    @TempDir
    Path dir;

    @Test
    void servesHttpsFromAPemCertificateAndKeyWithASecureSessionCookie() throws Exception {
        SelfSignedPem pem = SelfSignedPem.create(dir);
        int port = FreePort.loopback();
        String yaml = TestHome.embeddedBroker(port).replace("http:\n  port: 0\n",
                "http:\n  port: 0\n  tls: { cert: cert.pem, key: key.pem }\n");
        try (TestHome home = TestHome.start(dir, yaml, "tcp://127.0.0.1:" + port).awaitConnected()) {
            assertThat(home.gateway().dashboardUrl()).startsWith("https://127.0.0.1:");
            WebClient https = WebClient.create(home.gateway().vertx(), new WebClientOptions().setSsl(true).setTrustAll(true)
                    .setVerifyHost(false).setIdleTimeout(30));
            WebClient plain = TestClients.webClient(home.gateway().vertx());
            try {
                assertThat(https.get(home.gateway().httpPort(), "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
                HttpResponse<Buffer> signIn = https.post(home.gateway().httpPort(), "127.0.0.1", "/login")
                        .sendJsonObject(new JsonObject().put("secret", home.gateway().accessToken().value())).await();
                assertThat(signIn.statusCode()).isEqualTo(200);
                assertThat(signIn.cookies()).singleElement().satisfies(c -> assertThat(c).startsWith("hearth_session=").contains("Secure"));
                assertThatThrownBy(() -> plain.get(home.gateway().httpPort(), "127.0.0.1", "/health").send().await())
                        .as("plain HTTP to the HTTPS port").isInstanceOf(RuntimeException.class);
            } finally {
                https.close();
                plain.close();
            }
        }
    }

    /**
     * Issue 17, item 5: `hearth dead-letters` and `hearth traces` reach a running gateway on HTTPS with a self-signed
     * certificate and a port the system picked (http.port 0: the gateway writes it to its data directory), trusting
     * only the configured certificate: a gateway presenting another one is refused.
     */
    @Test
    void theCommandLineReachesAnHttpsGatewayOnAPickedPortTrustingOnlyItsCertificate() throws Exception {
        SelfSignedPem.create(dir);
        int port = FreePort.loopback();
        String yaml = TestHome.embeddedBroker(port).replace("http:\n  port: 0\n",
                "http:\n  port: 0\n  tls: { cert: cert.pem, key: key.pem }\n");
        try (TestHome home = TestHome.start(dir, yaml, "tcp://127.0.0.1:" + port).awaitConnected()) {
            assertThat(Files.readString(home.dir().resolve("data").resolve(HttpPortFile.FILE_NAME)).strip())
                    .isEqualTo(Integer.toString(home.gateway().httpPort()));
            CommandLineRun listed = CommandLineRun.hearth("dead-letters", "-c", home.dir().toString());
            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("No dead letters.");
            CommandLineRun traces = CommandLineRun.hearth("traces", "hallway_on", "-c", home.dir().toString());
            assertThat(traces.code()).as(traces.err()).isZero();
            assertThat(traces.out()).contains("No traces of 'hallway_on'");

            Path other = Files.createDirectories(dir.resolve("other"));
            SelfSignedPem.create(other);
            Files.copy(other.resolve("cert.pem"), dir.resolve("cert.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            CommandLineRun refused = CommandLineRun.hearth("dead-letters", "-c", home.dir().toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("is not the one of this gateway.yaml");
        }
    }

    @Test
    void behindATrustedProxyTheCookieIsSecureAndEachForwardedClientHasItsOwnLimit() throws Exception {
        int port = FreePort.loopback();
        String yaml = TestHome.embeddedBroker(port).replace("http:\n  port: 0\n",
                "http:\n  port: 0\n  trusted_proxies: [127.0.0.1]\n");
        try (TestHome home = TestHome.start(dir, yaml, "tcp://127.0.0.1:" + port).awaitConnected()) {
            WebClient proxy = TestClients.webClient(home.gateway().vertx());
            WebClient stranger = WebClient.create(home.gateway().vertx(), new WebClientOptions().setLocalAddress("127.0.0.2").setIdleTimeout(30));
            String token = home.gateway().accessToken().value();
            try {
                assertThat(login(home, proxy).putHeader("X-Forwarded-Proto", "https").sendJsonObject(secret(token)).await().cookies())
                        .singleElement().satisfies(c -> assertThat(c).contains("Secure"));
                assertThat(login(home, proxy).sendJsonObject(secret(token)).await().cookies())
                        .as("plain HTTP to the proxy").singleElement().satisfies(c -> assertThat(c).doesNotContain("Secure"));
                assertThat(login(home, stranger).putHeader("X-Forwarded-Proto", "https").sendJsonObject(secret(token)).await().cookies())
                        .as("not a trusted proxy").singleElement().satisfies(c -> assertThat(c).doesNotContain("Secure"));

                for (int i = 0; i <= LoginThrottle.PER_ADDRESS; i++) {
                    login(home, proxy).putHeader("X-Forwarded-For", "192.0.2.7").sendJsonObject(secret("wrong")).await();
                }
                assertThat(login(home, proxy).putHeader("X-Forwarded-For", "192.0.2.7").sendJsonObject(secret(token)).await()
                        .statusCode()).isEqualTo(429);
                assertThat(login(home, proxy).putHeader("X-Forwarded-For", "192.0.2.8, 127.0.0.1").sendJsonObject(secret(token)).await()
                        .statusCode()).as("another client behind the same proxy").isEqualTo(200);
            } finally {
                proxy.close();
                stranger.close();
            }
        }
    }

    @Test
    void plainHttpOnTheNetworkIsRefusedAtLoadUnlessAllowedExplicitly() throws Exception {
        String plain = "http:\n  port: 0\n  bind: 0.0.0.0\n";
        StringWriter err = new StringWriter();
        assertThat(check(plain, err)).isEqualTo(Main.CONFIG_ERROR);
        assertThat(err.toString()).contains(dir.resolve("gateway.yaml") + ":").contains(": plain HTTP on 0.0.0.0");

        assertThat(check(plain + "  allow_plain_http: true\n", new StringWriter())).isZero();
        SelfSignedPem.create(dir);
        assertThat(check(plain + "  tls: { cert: cert.pem, key: key.pem }\n", new StringWriter())).isZero();
        StringWriter missing = new StringWriter();
        assertThat(check(plain + "  tls: { cert: nothing.pem, key: key.pem }\n", missing)).isEqualTo(Main.CONFIG_ERROR);
        assertThat(missing.toString()).contains("cannot read " + dir.resolve("nothing.pem"));
    }

    private int check(String http, StringWriter err) throws Exception {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), TestHome.externalBroker("tcp://127.0.0.1:1", "30s").replace("http:\n  port: 0\n", http));
        Files.writeString(dir.resolve("devices.yaml"), TestHome.DEVICES);
        Files.writeString(dir.resolve("automations/test.yaml"), TestHome.HALLWAY_AUTOMATIONS);
        return Main.execute(new String[]{"check", "-c", dir.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of());
    }

    private static HttpRequest<Buffer> login(TestHome home, WebClient client) {
        return client.post(home.gateway().httpPort(), "127.0.0.1", "/login");
    }

    private static JsonObject secret(String secret) {
        return new JsonObject().put("secret", secret);
    }
}
