package dev.hearth.gateway.message;

import java.time.Duration;

/**
 * A publication the gateway would not queue (its outbox is full, or it is stopping): a condition of the
 * gateway, not of the request. The outbox logs these itself, in a summary at a bounded rate; whoever gets
 * one need not log it again.
 */
public final class PublishRefused extends RuntimeException {
    /** A full outbox frees room as fast as the broker takes messages: when a caller may try again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    public PublishRefused(String reason) {
        super(reason, null, false, false);
    }
}
