package dev.hearth.gateway.automation.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code notify: { service, title, message }}: a notification through a service named in gateway.yaml. The run hands
 * it to the notify feature and goes on; its delivery (retries, expiry) is traced on its own.
 */
public record NotifyAction(String service, Optional<Template> title, Template message) implements Action {
    public NotifyAction {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String describe() {
        return "notify " + service;
    }
}
