package dev.hearth.gateway.config;

import dev.hearth.gateway.notify.NotifyService;
import dev.hearth.gateway.notify.NotifySettings;
import dev.hearth.gateway.yaml.Secret;
import dev.hearth.gateway.yaml.SecretReader;
import dev.hearth.gateway.yaml.YamlMap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code notify:} in gateway.yaml: named services of type ntfy, smtp or webhook, their secrets from env or files. */
final class NotifySection {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
    private static final List<String> TYPES = List.of("ntfy", "smtp", "webhook");
    private static final List<String> METHODS = List.of("POST", "PUT");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final SecretReader secrets;
    /** Where gateway.yaml is: relative file names are read from there. */
    private final Path baseDir;

    NotifySection(SecretReader secrets, Path baseDir) {
        this.secrets = secrets;
        this.baseDir = baseDir;
    }

    NotifySettings read(Optional<YamlMap> section) {
        Map<String, NotifyService> services = new LinkedHashMap<>();
        section.ifPresent(s -> {
            for (String name : s.keys()) {
                if (!NAME.matcher(name).matches()) {
                    s.problemAtKey(name, "a notify service's name is 1-64 lower-case letters, digits or underscores, got '" + name + "'");
                    continue;
                }
                s.map(name).flatMap(m -> service(name, m)).ifPresent(x -> services.put(name, x));
            }
            s.finish();
        });
        return NotifySettings.NONE.withServices(services);
    }

    private Optional<NotifyService> service(String name, YamlMap m) {
        if (!m.has("type")) m.missing("type");
        Optional<String> type = m.choice("type", t -> Optional.of(t).filter(TYPES::contains), TYPES);
        Duration ttl = m.positiveDuration("ttl", NotifySettings.DEFAULT_TTL);
        Optional<NotifyService> out = type.flatMap(t -> switch (t) {
            case "ntfy" -> ntfy(name, m, ttl);
            case "smtp" -> smtp(name, m, ttl);
            default -> webhook(name, m, ttl);
        });
        // With no known type, which keys belong is unknown: only the type is reported.
        if (type.isPresent()) m.finish();
        return out;
    }

    private Optional<NotifyService> ntfy(String name, YamlMap m, Duration ttl) {
        Optional<URI> url = httpUrl(m, "url", Optional.of("https://ntfy.sh"));
        Optional<String> topic = m.requiredText("topic");
        Optional<Secret> token = secrets.secret(m, "token");
        Optional<Integer> priority = m.has("priority") ? Optional.of(m.integer("priority", 3, 1, 5)) : Optional.empty();
        return url.flatMap(u -> topic.map(t -> new NotifyService.Ntfy(name, u, t, token, priority, ttl)));
    }

    private Optional<NotifyService> smtp(String name, YamlMap m, Duration ttl) {
        Optional<String> host = m.requiredText("host");
        boolean tls = m.flag("tls", false);
        boolean starttls = m.flag("starttls", !tls);
        if (tls && starttls) m.problemAtKey("starttls", "give 'tls: true' (port 465) or 'starttls: true' (port 587), not both");
        int port = m.integer("port", tls ? 465 : 587, 1, 65535);
        Optional<String> username = m.text("username");
        Optional<Secret> password = secrets.password(m);
        if (username.isPresent() != password.isPresent() && !m.has("password")) {
            m.problem(m.node(), "give 'username' and 'password_env' (or 'password_file') together, or neither");
        }
        Optional<String> from = m.requiredText("from").filter(a -> address(m, "from", a));
        List<String> to = m.listOfText("to");
        if (!m.has("to")) m.missing("to");
        else if (to.isEmpty()) m.problemAtKey("to", "'to' names no recipient");
        boolean addressesOk = to.stream().allMatch(a -> address(m, "to", a));
        Optional<Path> ca = m.text("ca_file").map(baseDir::resolve);
        ca.filter(p -> !Files.isReadable(p)).ifPresent(p -> m.problemAtKey("ca_file", "cannot read CA file " + p));
        if (ca.isPresent() && !tls && !starttls) m.problemAtKey("ca_file", "'ca_file' needs 'tls: true' or 'starttls: true'");
        if (host.isEmpty() || from.isEmpty() || to.isEmpty() || !addressesOk) return Optional.empty();
        return Optional.of(new NotifyService.Smtp(name, host.get(), port, starttls && !tls, tls, username, password, from.get(), to, ttl, ca));
    }

    private Optional<NotifyService> webhook(String name, YamlMap m, Duration ttl) {
        Optional<URI> url = httpUrl(m, "url", Optional.empty());
        String method = m.choice("method", x -> Optional.of(x).filter(METHODS::contains), METHODS).orElse("POST");
        Map<String, String> headers = new LinkedHashMap<>();
        m.map("headers").ifPresent(h -> {
            for (String k : h.keys()) h.text(k).ifPresent(v -> headers.put(k, v));
            h.finish();
        });
        Optional<Secret> token = secrets.secret(m, "token");
        return url.map(u -> new NotifyService.Webhook(name, u, method, headers, token, ttl));
    }

    private static Optional<URI> httpUrl(YamlMap m, String key, Optional<String> fallback) {
        Optional<String> text = m.text(key).or(() -> fallback);
        if (text.isEmpty()) {
            m.missing(key);
            return Optional.empty();
        }
        try {
            URI u = new URI(text.get());
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) return Optional.of(u);
        } catch (URISyntaxException e) {
            // reported below
        }
        m.problemAtValue(key, "'" + key + "' must be an http:// or https:// URL with a host, got '" + text.get() + "'");
        return Optional.empty();
    }

    private static boolean address(YamlMap m, String key, String address) {
        if (ADDRESS.matcher(address).matches()) return true;
        m.problemAtValue(key, "'" + address + "' is not an e-mail address");
        return false;
    }
}
