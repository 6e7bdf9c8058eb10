package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.HttpAction;
import dev.hearth.gateway.automation.model.NotifyAction;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.notify.Dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Renders a {@code notify} or {@code http} action's templates into what the notify feature sends. */
final class Dispatching {
    private Dispatching() {
    }

    /** The rendered request, or why a template failed. */
    record Rendered(Optional<Dispatch.Request> request, String error) {
    }

    static Rendered render(Action a, Expr.Variables vars) {
        try {
            if (a instanceof NotifyAction n) {
                Optional<String> title = n.title().isPresent() ? Optional.of(text(n.title().get(), vars, "title")) : Optional.empty();
                return ok(new Dispatch.Notification(n.service(), title, text(n.message(), vars, "message")));
            }
            HttpAction h = (HttpAction) a;
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, Template> e : h.headers().entrySet()) headers.put(e.getKey(), text(e.getValue(), vars, e.getKey()));
            Optional<String> body = h.body().isPresent() ? Optional.of(text(h.body().get(), vars, "body")) : Optional.empty();
            return ok(new Dispatch.HttpCall(h.method(), text(h.url(), vars, "url"), headers, body, h.ttl()));
        } catch (IllegalArgumentException e) {
            return new Rendered(Optional.empty(), e.getMessage());
        }
    }

    private static Rendered ok(Dispatch.Request r) {
        return new Rendered(Optional.of(r), "");
    }

    private static String text(Template t, Expr.Variables vars, String what) {
        Expr.Result r = t.evaluate(vars);
        if (r.value().isEmpty()) throw new IllegalArgumentException(what + ": " + r.error());
        return r.text();
    }
}
