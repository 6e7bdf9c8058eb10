package dev.hearth.gateway.config;

/** Where the dashboard and API listen. */
public record HttpSettings(String bind, int port) {
}
