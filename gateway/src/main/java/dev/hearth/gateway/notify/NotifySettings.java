package dev.hearth.gateway.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notification services by name ({@code notify:} in gateway.yaml) and how undelivered notifications and HTTP
 * calls are retried: after {@code firstRetry}, doubling up to {@code maxRetry} between attempts, each until its own
 * time to live ends. At most {@code maxQueued} wait; more are refused with a trace.
 */
public record NotifySettings(Map<String, NotifyService> services, Duration firstRetry, Duration maxRetry, int maxQueued) {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final NotifySettings NONE = new NotifySettings(Map.of(), Duration.ofSeconds(5), Duration.ofMinutes(5), 1000);

    public NotifySettings {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("retries need 0 < first retry <= max retry");
        }
        if (maxQueued < 1) throw new IllegalArgumentException("max queued must be at least 1");
    }

    public NotifySettings withServices(Map<String, NotifyService> all) {
        return new NotifySettings(all, firstRetry, maxRetry, maxQueued);
    }

    /** The pause before attempt {@code attempt + 1}, after {@code attempt} failed ones. */
    public Duration backoff(int attempt) {
        Duration d = firstRetry;
        for (int i = 1; i < attempt && d.compareTo(maxRetry) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }
}
