package dev.hearth.gateway.web;

import java.util.Optional;

/**
 * Where the dashboard and API listen, and the dashboard password's hash ({@code hearth hash-password}
 * prints one); without it, only the access token in the data directory signs in.
 */
public record HttpSettings(String bind, int port, Optional<String> passwordHash) {
    public HttpSettings(String bind, int port) {
        this(bind, port, Optional.empty());
    }
}
