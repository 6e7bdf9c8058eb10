package dev.hearth.gateway.web;

import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code from}/{@code to} query parameters of the history and logbook routes: ISO-8601 instants, by default
 * {@code span} up to now (a second ahead, so that what happened this very moment is inside).
 */
record TimeRange(Instant from, Instant to) {

    static TimeRange of(RoutingContext ctx, Clock clock, Duration span) {
        Instant to = instant(ctx, "to").orElse(clock.instant().plusSeconds(1));
        Instant from = instant(ctx, "from").orElse(to.minus(span));
        if (!from.isBefore(to)) throw ApiError.badRequest("'from' must be before 'to'");
        return new TimeRange(from, to);
    }

    private static Optional<Instant> instant(RoutingContext ctx, String name) {
        String text = ctx.queryParams().get(name);
        if (text == null) return Optional.empty();
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-01-31T18:00:00Z");
        }
    }
}
