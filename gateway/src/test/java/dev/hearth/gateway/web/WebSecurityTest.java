package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.gateway.web.auth.PasswordHash;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.hearth.gateway.web.WebApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything but /health needs a session or the access token; state changes need the CSRF token;
 * sign-ins are rate-limited; bodies are size-limited; every response carries the security headers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSecurityTest {
    static final String PASSWORD = "correct horse battery staple";
    @TempDir
    static Path dir;
    static TestHome home;
    static SignedInClient browser;
    static WebClient anonymous;

    @BeforeAll
    static void start() {
        int port = FreePort.loopback();
        String yaml = TestHome.embeddedBroker(port).replace("http:\n  port: 0\n",
                "http:\n  port: 0\n  password_hash: " + PasswordHash.of(PASSWORD.toCharArray()).encoded() + "\n");
        home = TestHome.start(dir, yaml, "tcp://127.0.0.1:" + port).awaitConnected();
        browser = new SignedInClient(home.gateway()).signIn(PASSWORD);
        anonymous = TestClients.webClient(home.gateway().vertx());
    }

    @AfterAll
    static void stop() {
        browser.close();
        anonymous.close();
        home.close();
    }

    @Test
    void withoutSignInOnlyHealthAnswers() {
        assertThat(anon(HttpMethod.GET, "/health").statusCode()).isEqualTo(200);
        assertError(anon(HttpMethod.GET, "/api/devices"), 401, "sign in first");
        assertError(anon(HttpMethod.GET, "/metrics"), 401, "sign in first");
        assertError(anon(HttpMethod.GET, "/api/events"), 401, "sign in first");
        assertError(anon(HttpMethod.POST, "/api/devices/hallway_light/command"), 401, "sign in first");
        assertError(anon(HttpMethod.POST, "/api/automations/hallway_on/trigger"), 401, "sign in first");
        HttpResponse<Buffer> page = anon(HttpMethod.GET, "/");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.getHeader("Location")).isEqualTo("/login");
        assertThat(anon(HttpMethod.GET, "/app/app.js").statusCode()).isEqualTo(303);
        assertThat(anon(HttpMethod.GET, "/login").statusCode()).isEqualTo(200);
    }

    @Test
    void aForgedOrStaleSessionCookieIsRefused() {
        HttpResponse<Buffer> r = anonymous.get(home.gateway().httpPort(), "127.0.0.1", "/api/devices")
                .putHeader("Cookie", "hearth_session=forged").send().await();
        assertError(r, 401, "sign in first");
    }

    @Test
    void theAccessTokenAuthorizesApiClientsAndIsKeptPrivately() throws Exception {
        String token = home.gateway().accessToken().value();
        HttpResponse<Buffer> r = anonymous.get(home.gateway().httpPort(), "127.0.0.1", "/metrics")
                .bearerTokenAuthentication(token).send().await();
        assertThat(r.statusCode()).isEqualTo(200);
        HttpResponse<Buffer> wrong = anonymous.get(home.gateway().httpPort(), "127.0.0.1", "/api/devices")
                .bearerTokenAuthentication(token + "x").send().await();
        assertThat(wrong.statusCode()).isEqualTo(401);
        Path file = home.dir().resolve("data/web-token");
        assertThat(Files.readString(file).strip()).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        HttpResponse<Buffer> r = anonymous.post(home.gateway().httpPort(), "127.0.0.1", "/login")
                .sendJsonObject(new JsonObject().put("secret", PASSWORD)).await();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.cookies()).singleElement().satisfies(c -> assertThat(c)
                .startsWith("hearth_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/"));
    }

    @Test
    void stateChangesNeedTheSessionsCsrfToken() {
        JsonObject command = new JsonObject().put("set", new JsonObject().put("state", "ON"));
        HttpResponse<Buffer> none = browser.request(HttpMethod.POST, "/api/devices/hallway_light/command").sendJsonObject(command).await();
        assertError(none, 403, "CSRF");
        HttpResponse<Buffer> wrong = browser.request(HttpMethod.POST, "/api/automations/hallway_on/disable")
                .putHeader("X-CSRF-Token", "guess").send().await();
        assertError(wrong, 403, "CSRF");
        HttpResponse<Buffer> crossSite = browser.request(HttpMethod.POST, "/api/automations/hallway_on/disable")
                .putHeader("X-CSRF-Token", browser.csrf()).putHeader("Origin", "http://evil.example").send().await();
        assertError(crossSite, 403, "CSRF");
        assertThat(browser.post("/api/automations/hallway_on/disable").statusCode()).isEqualTo(200);
        assertThat(browser.post("/api/automations/hallway_on/enable").statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/session").bodyAsJsonObject().getString("csrfToken")).isEqualTo(browser.csrf());
    }

    @Test
    void aCrossSitePageCannotOpenTheLiveStream() {
        HttpResponse<Buffer> r = browser.request(HttpMethod.GET, "/api/events").putHeader("Origin", "http://evil.example").send().await();
        assertError(r, 403, "cross-site event stream refused");
    }

    @Test
    void anOversizeBodyIsRefusedWith400() {
        JsonObject huge = new JsonObject().put("set", new JsonObject().put("state", "x".repeat(WebVerticle.MAX_BODY_BYTES)));
        assertError(browser.post("/api/devices/hallway_light/command", huge), 400, "too large");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (HttpResponse<Buffer> r : new HttpResponse[]{anon(HttpMethod.GET, "/login"), anon(HttpMethod.GET, "/api/devices"), browser.get("/")}) {
            assertThat(r.getHeader("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void signInAttemptsAreRateLimited() {
        for (int i = 0; i < 5; i++) assertError(login("wrong " + i), 401, "wrong password or access token");
        HttpResponse<Buffer> limited = login(PASSWORD);
        assertError(limited, 429, "too many failed sign-ins");
        assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 61);
    }

    private static HttpResponse<Buffer> login(String secret) {
        return anonymous.post(home.gateway().httpPort(), "127.0.0.1", "/login").sendJsonObject(new JsonObject().put("secret", secret)).await();
    }

    private static HttpResponse<Buffer> anon(HttpMethod method, String path) {
        return anonymous.request(method, home.gateway().httpPort(), "127.0.0.1", path).followRedirects(false).send().await();
    }
}
