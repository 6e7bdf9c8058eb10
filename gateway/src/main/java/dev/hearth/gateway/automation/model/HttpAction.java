package dev.hearth.gateway.automation.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code http: { method, url, headers, body, ttl }}: an HTTP call, retried like a notification until {@code ttl} ends.
 * The run hands it over and goes on.
 */
public record HttpAction(String method, Template url, Map<String, Template> headers, Optional<Template> body, Duration ttl)
        implements Action {
    public static final java.util.List<String> METHODS = java.util.List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public HttpAction {
        Objects.requireNonNull(url, "url");
        if (!METHODS.contains(method)) throw new IllegalArgumentException("method " + method);
        headers = java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    @Override
    public String describe() {
        return "http " + method + " " + url;
    }
}
