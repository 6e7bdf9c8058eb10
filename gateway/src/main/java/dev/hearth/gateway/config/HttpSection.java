package dev.hearth.gateway.config;

import dev.hearth.gateway.web.HttpSettings;
import dev.hearth.gateway.web.auth.Clients;
import dev.hearth.gateway.web.auth.PasswordHash;
import dev.hearth.gateway.yaml.YamlMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code http} section of gateway.yaml: dashboard and API. */
final class HttpSection {
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "::1", "localhost");

    private final Path baseDir;

    HttpSection(Path baseDir) {
        this.baseDir = baseDir;
    }

    HttpSettings read(YamlMap h) {
        Optional<String> hash = h.text("password_hash");
        hash.filter(text -> PasswordHash.parse(text).isEmpty()).ifPresent(text -> h.problemAtValue("password_hash",
                "'password_hash' must be what 'hearth hash-password' prints (pbkdf2-sha256$…)"));
        String bind = h.text("bind", "127.0.0.1");
        int port = h.integer("port", 8080, 0, 65535);
        List<String> hosts = h.listOfText("hosts");
        Optional<HttpSettings.Tls> tls = h.map("tls").map(this::tls);
        List<String> proxies = h.listOfText("trusted_proxies");
        proxies.stream().filter(p -> Clients.normal(p).isEmpty()).findFirst().ifPresent(p -> h.problemAtValue("trusted_proxies",
                "'trusted_proxies' lists IP addresses (such as 127.0.0.1), got '" + p + "'"));
        boolean allowPlain = h.flag("allow_plain_http", false);
        if (tls.isEmpty() && !allowPlain && !LOOPBACK.contains(bind)) {
            h.problemAtValue("bind", "plain HTTP on " + bind + " would send the password and session over the network "
                    + "unencrypted: configure http.tls (cert, key), bind 127.0.0.1 behind a TLS proxy, or say "
                    + "'allow_plain_http: true'");
        }
        HttpSettings.Limits limits = limits(h.map("limits"));
        boolean editor = h.flag("editor", true);
        h.finish();
        return new HttpSettings(bind, port, hash, hosts, tls, proxies, limits, editor);
    }

    private HttpSettings.Tls tls(YamlMap t) {
        Path cert = file(t, "cert");
        Path key = file(t, "key");
        t.finish();
        return new HttpSettings.Tls(cert, key);
    }

    private Path file(YamlMap t, String key) {
        Optional<Path> path = t.requiredText(key).map(baseDir::resolve);
        path.filter(p -> !Files.isReadable(p)).ifPresent(p -> t.problemAtValue(key, "cannot read " + p));
        return path.orElse(baseDir);
    }

    private static HttpSettings.Limits limits(Optional<YamlMap> section) {
        HttpSettings.Limits d = HttpSettings.Limits.DEFAULTS;
        if (section.isEmpty()) return d;
        YamlMap l = section.get();
        HttpSettings.Limits limits = new HttpSettings.Limits(l.integer("max_connections", d.maxConnections(), 1, 100_000),
                l.positiveDuration("idle_timeout", d.idleTimeout()), l.positiveDuration("request_timeout", d.requestTimeout()),
                l.integer("max_header_bytes", d.maxHeaderBytes(), 1024, 1024 * 1024),
                l.integer("max_initial_line_bytes", d.maxInitialLineBytes(), 256, 64 * 1024));
        l.finish();
        return limits;
    }
}
