package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.HttpAction;
import dev.hearth.gateway.automation.model.NotifyAction;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the {@code notify} and {@code http} actions: what leaves the home other than MQTT. Their YAML keys live here. */
final class DispatchReader {
    /** How long an undelivered notification or call is retried when the action gives no {@code ttl}. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final PartReader parts;
    private final Set<String> services;

    DispatchReader(PartReader parts, Set<String> services) {
        this.parts = parts;
        this.services = services;
    }

    Optional<Action> notify(YamlMap n) {
        Optional<String> service = n.requiredText("service").filter(s -> {
            if (services.contains(s)) return true;
            n.problemAtValue("service", "no notify service '" + s + "' in gateway.yaml" + Suggestions.didYouMean(s, services)
                    + (services.isEmpty() ? " (it names none under 'notify:')" : "; it names: " + String.join(", ", new TreeSet<>(services))));
            return false;
        });
        Optional<Template> title = n.has("title") ? parts.template(n, "title") : Optional.empty();
        boolean titleOk = !n.has("title") || title.isPresent();
        if (!n.has("message")) n.missing("message");
        Optional<Template> message = parts.template(n, "message");
        n.finish();
        if (service.isEmpty() || message.isEmpty() || !titleOk) return Optional.empty();
        return Optional.of(new NotifyAction(service.get(), title, message.get()));
    }

    Optional<Action> http(YamlMap h) {
        String method = h.choice("method", m -> Optional.of(m).filter(HttpAction.METHODS::contains), HttpAction.METHODS).orElse("POST");
        if (!h.has("url")) h.missing("url");
        Optional<Template> url = parts.template(h, "url").filter(u -> urlOk(h, u));
        Map<String, Template> headers = new LinkedHashMap<>();
        boolean headersOk = h.map("headers").map(m -> {
            boolean ok = true;
            for (String name : m.keys()) {
                Optional<Template> value = parts.template(m, name);
                if (value.isPresent()) headers.put(name, value.get());
                else ok = false;
            }
            m.finish();
            return ok;
        }).orElse(!h.has("headers"));
        Optional<Template> body = h.has("body") ? parts.template(h, "body") : Optional.empty();
        boolean bodyOk = !h.has("body") || body.isPresent();
        Duration ttl = h.duration("ttl", DEFAULT_TTL);
        h.finish();
        if (url.isEmpty() || !headersOk || !bodyOk) return Optional.empty();
        return Optional.of(new HttpAction(method, url.get(), headers, body, ttl));
    }

    /** A URL written out (no expression) is checked now; one with expressions when the run renders it. */
    private static boolean urlOk(YamlMap h, Template url) {
        if (url.constant().isEmpty()) return true;
        String text = url.constant().get().plain().toString();
        try {
            URI u = new URI(text);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) return true;
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        h.problemAtValue("url", "'url' must be an http:// or https:// URL with a host, got '" + text + "'");
        return false;
    }
}
