package dev.hearth.gateway.message;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.List;

/**
 * Topic filters the broker link should subscribe to from now on (a reloaded automation's mqtt trigger, a discovered
 * device's topics), and filters it no longer needs (a removed or renamed device's topics). A filter stays subscribed
 * while anyone who asked for it has not dropped it.
 */
public record SubscriptionRequest(List<String> filters, List<String> dropped) implements LocalMessage {
    public SubscriptionRequest {
        filters = List.copyOf(filters);
        dropped = List.copyOf(dropped);
    }

    public SubscriptionRequest(List<String> filters) {
        this(filters, List.of());
    }
}
