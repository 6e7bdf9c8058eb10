package dev.hearth.gateway.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the dashboard and API listen and how: the dashboard password's hash ({@code hearth hash-password}
 * prints one; without it, only the access token in the data directory signs in), the host names the
 * server answers to, HTTPS, the reverse proxies it trusts and the connection limits.
 *
 * @param hosts           names a request's {@code Host} may carry besides IP literals (DNS rebinding
 *                        needs a name); empty means {@link #defaultHosts}
 * @param trustedProxies  addresses whose {@code X-Forwarded-For}/{@code X-Forwarded-Proto} are believed
 * @param editor          whether the dashboard may edit automation files ({@code http.editor}, on by default)
 */
public record HttpSettings(String bind, int port, Optional<String> passwordHash, List<String> hosts, Optional<Tls> tls,
                           List<String> trustedProxies, Limits limits, boolean editor) {

    /** HTTPS from a PEM certificate (chain) and its private key. */
    public record Tls(Path cert, Path key) {
    }

    /**
     * What one client may hold: bounds that keep idle or slow connections from exhausting the heap.
     *
     * @param maxConnections  open connections at once; more are closed as they arrive
     * @param idleTimeout     a connection with no traffic this long is closed (longer than the live stream's keep-alive)
     * @param requestTimeout  a new connection must have sent its first request by then (slowloris)
     */
    public record Limits(int maxConnections, Duration idleTimeout, Duration requestTimeout, int maxHeaderBytes,
                         int maxInitialLineBytes) {
        /** A Pi serves a household: a few browsers with ~6 connections each, scripts and a scraper. */
        public static final Limits DEFAULTS = new Limits(256, Duration.ofSeconds(60), Duration.ofSeconds(10), 8 * 1024, 4 * 1024);
    }

    public HttpSettings {
        hosts = List.copyOf(hosts);
        trustedProxies = List.copyOf(trustedProxies);
    }

    public HttpSettings(String bind, int port, Optional<String> passwordHash) {
        this(bind, port, passwordHash, List.of(), Optional.empty(), List.of(), Limits.DEFAULTS, true);
    }

    public HttpSettings(String bind, int port) {
        this(bind, port, Optional.empty());
    }

    /** The names a browser uses for this machine when none are configured: localhost and the host name. */
    public static List<String> defaultHosts(String hostName) {
        return List.of("localhost", hostName, hostName + ".local");
    }

    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
