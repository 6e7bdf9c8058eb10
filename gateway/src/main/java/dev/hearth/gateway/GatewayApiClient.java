package dev.hearth.gateway;

import dev.hearth.gateway.config.GatewayConfig;
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
import java.time.Duration;
import java.util.Optional;

/**
 * The command line's way to a running gateway: its API at {@code http.bind}:{@code http.port} from gateway.yaml, signed
 * in with the access token in {@code <data_dir>/web-token} (so only a user who may read that file gets in).
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final String token;

    private GatewayApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Empty when the gateway has no token yet (it never ran with this data directory). */
    static Optional<GatewayApiClient> of(GatewayConfig config) {
        if (!Files.exists(config.dataDir().resolve(AccessToken.FILE_NAME))) return Optional.empty();
        HttpSettings http = config.http();
        String host = http.bind().equals("0.0.0.0") || http.bind().equals("::") ? "127.0.0.1" : http.bind();
        String base = http.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
        return Optional.of(new GatewayApiClient(base, AccessToken.loadOrCreate(config.dataDir()).value()));
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
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            return new Answer(r.statusCode(), body.startsWith("{") ? new JsonObject(body) : new JsonObject().put("error", body));
        } catch (ConnectException e) {
            throw new Unreachable("no gateway answers at " + base);
        } catch (IOException e) {
            throw new Unreachable("the gateway at " + base + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }
}
