package dev.hearth.gateway.message;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.List;

/** Topic filters the broker link should subscribe to from now on, e.g. those of a reloaded automation's mqtt trigger. */
public record SubscriptionRequest(List<String> filters) implements LocalMessage {
    public SubscriptionRequest {
        filters = List.copyOf(filters);
    }
}
