package dev.hearth.gateway.notify;

import dev.hearth.gateway.bus.LocalMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an automation's run hands to the notify feature, its values already rendered: a notification through a named
 * service, or an HTTP call. {@code run} says which run it came from (its automation and start), for the trace of its
 * delivery.
 */
public record Dispatch(String automation, Instant runStarted, Request request) implements LocalMessage {
    public Dispatch {
        Objects.requireNonNull(automation, "automation");
        Objects.requireNonNull(runStarted, "runStarted");
        Objects.requireNonNull(request, "request");
    }

    public sealed interface Request {
        String describe();
    }

    public record Notification(String service, Optional<String> title, String message) implements Request {
        @Override
        public String describe() {
            return "notify " + service;
        }
    }

    public record HttpCall(String method, String url, Map<String, String> headers, Optional<String> body, Duration ttl)
            implements Request {
        public HttpCall {
            headers = Map.copyOf(headers);
        }

        @Override
        public String describe() {
            return "http " + method + " " + url;
        }
    }
}
