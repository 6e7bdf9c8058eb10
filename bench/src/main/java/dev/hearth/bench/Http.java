package dev.hearth.bench;

import java.net.http.HttpClient;
import java.time.Duration;

/** The harness's one HTTP client for a subject's /health and /metrics: HTTP/1.1 (no h2c upgrade), short connect timeout. */
final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {
    }
}
