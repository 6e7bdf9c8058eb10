package dev.hearth.gateway.notify;

import dev.hearth.gateway.yaml.Secret;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named way to reach someone ({@code notify:} in gateway.yaml): an automation's {@code notify: { service: … }} goes
 * through it. Each keeps an undelivered notification for {@code ttl} while it retries.
 */
public sealed interface NotifyService {
    String name();

    Duration ttl();

    /** A push through an ntfy server: JSON published to its root URL, with an access token if the topic is protected. */
    record Ntfy(String name, URI url, String topic, Optional<Secret> token, Optional<Integer> priority, Duration ttl)
            implements NotifyService {
        public Ntfy {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(topic, "topic");
        }
    }

    /**
     * E-mail over SMTP; {@code starttls} upgrades a plain connection (port 587), {@code tls} starts encrypted (port 465).
     * The server's certificate must be valid for {@code host} and signed by a CA the JVM trusts, or by one in
     * {@code caFile} (PEM) for a server with a private certificate.
     */
    record Smtp(String name, String host, int port, boolean starttls, boolean tls, Optional<String> username,
                Optional<Secret> password, String from, List<String> to, Duration ttl, Optional<Path> caFile) implements NotifyService {
        public Smtp {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(caFile, "caFile");
            to = List.copyOf(to);
            if (to.isEmpty()) throw new IllegalArgumentException("an smtp service needs at least one recipient");
        }

        /** Trusting the JVM's CAs only. */
        public Smtp(String name, String host, int port, boolean starttls, boolean tls, Optional<String> username,
                    Optional<Secret> password, String from, List<String> to, Duration ttl) {
            this(name, host, port, starttls, tls, username, password, from, to, ttl, Optional.empty());
        }
    }

    /**
     * A JSON document ({@code title}, {@code message}, {@code automation}) sent to a URL, e.g. a Home Assistant or Node-RED
     * webhook; {@code token} (if any) goes as {@code Authorization: Bearer}.
     */
    record Webhook(String name, URI url, String method, Map<String, String> headers, Optional<Secret> token, Duration ttl)
            implements NotifyService {
        public Webhook {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }
    }
}
