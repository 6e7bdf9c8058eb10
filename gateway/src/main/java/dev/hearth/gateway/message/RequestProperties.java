package dev.hearth.gateway.message;

import java.time.Duration;
import java.util.Optional;

/**
 * The MQTT 5 request/response properties of an inbound message: where the asker wants its answers
 * ({@code responseTopic}), what identifies the request ({@code correlationData}, empty without), and how much of
 * the message's lifetime was left when it arrived ({@code expiresIn}; the broker counts down while it waits).
 */
public record RequestProperties(Optional<String> responseTopic, byte[] correlationData, Optional<Duration> expiresIn) {
    public static final RequestProperties NONE = new RequestProperties(Optional.empty(), new byte[0], Optional.empty());

    public boolean correlated() {
        return correlationData.length > 0;
    }
}
