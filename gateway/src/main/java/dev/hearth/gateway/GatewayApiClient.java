package dev.hearth.gateway;

import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.web.HttpPortFile;
import dev.hearth.gateway.web.HttpSettings;
import dev.hearth.gateway.web.auth.AccessToken;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The command line's way to a running gateway: its API at {@code http.bind}:{@code http.port} from gateway.yaml (the
 * port it took for {@code 0}), over HTTPS when {@code http.tls} is set, signed in with the access token in
 * {@code <data_dir>/web-token} (so only a user who may read that file gets in).
 */
final class GatewayApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** An answer of the API: its status and its JSON body. */
    record Answer(int status, JsonObject body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String error() {
            return body.getString("error", "HTTP " + status);
        }
    }

    /** Nothing answers at the gateway's address: it is not running (or listens elsewhere). */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    private final Optional<HttpClient> http;
    private final String base;
    private final String token;
    /** Why no call can be made (a certificate that cannot be read, port 0 without the gateway's port file). */
    private final String problem;

    private GatewayApiClient(Optional<HttpClient> http, String base, String token, String problem) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.problem = problem;
    }

    /**
     * Empty when the gateway has no token yet (it never ran with this data directory). With {@code http.port: 0} the
     * port is the one the gateway wrote to {@code <data_dir>/http-port}; over HTTPS only the certificate of
     * {@code http.tls.cert} is trusted. A client that cannot call says why on its first call ({@link Unreachable}).
     */
    static Optional<GatewayApiClient> of(GatewayConfig config) {
        if (!Files.exists(config.dataDir().resolve(AccessToken.FILE_NAME))) return Optional.empty();
        HttpSettings settings = config.http();
        String token = AccessToken.loadOrCreate(config.dataDir()).value();
        String host = settings.bind().equals("0.0.0.0") || settings.bind().equals("::") ? "127.0.0.1" : settings.bind();
        OptionalInt port = settings.port() != 0 ? OptionalInt.of(settings.port()) : HttpPortFile.read(config.dataDir());
        String base = settings.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port.orElse(0);
        if (port.isEmpty()) {
            return Optional.of(new GatewayApiClient(Optional.empty(), base, token, "http.port is 0 and "
                    + config.dataDir().resolve(HttpPortFile.FILE_NAME) + " does not say which port the gateway took"));
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (settings.tls().isEmpty()) return Optional.of(new GatewayApiClient(Optional.of(builder.build()), base, token, ""));
        Path cert = settings.tls().get().cert();
        try {
            return Optional.of(new GatewayApiClient(Optional.of(builder.sslContext(PinnedCertificates.context(cert)).build()), base, token, ""));
        } catch (IOException | GeneralSecurityException e) {
            return Optional.of(new GatewayApiClient(Optional.empty(), base, token,
                    "cannot read the gateway's certificate " + cert + ": " + e.getMessage()));
        }
    }

    String base() {
        return base;
    }

    Answer get(String path) throws Unreachable {
        return send(request(path).GET().build());
    }

    Answer post(String path) throws Unreachable {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private Answer send(HttpRequest request) throws Unreachable {
        if (http.isEmpty()) throw new Unreachable(problem);
        try {
            HttpResponse<String> r = http.get().send(request, HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            return new Answer(r.statusCode(), body.startsWith("{") ? new JsonObject(body) : new JsonObject().put("error", body));
        } catch (ConnectException e) {
            throw new Unreachable("no gateway answers at " + base);
        } catch (javax.net.ssl.SSLException e) {
            throw new Unreachable("the gateway at " + base + " is not the one of this gateway.yaml (TLS: " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new Unreachable("the gateway at " + base + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }
}
