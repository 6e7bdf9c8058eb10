package dev.hearth.gateway.web;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.logbook.LogbookEntries;
import dev.hearth.gateway.logbook.LogbookEntry;
import dev.hearth.gateway.logbook.LogbookQuery;
import dev.hearth.gateway.logbook.LogbookStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code GET /api/logbook}: what happened, newest first, a page at a time. The next page is asked for with
 * {@code before=<next>}: a cursor, so entries recorded meanwhile never shift a page. The recorder writes in batches;
 * it is asked to commit what it has published first, so a page shows every entry the live stream has shown.
 */
final class LogbookApi {
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** A database that stopped taking writes must not stop reads: past this, the page is read without the newest. */
    private static final DeliveryOptions FLUSH = new DeliveryOptions().setSendTimeout(2_000);

    private final Vertx vertx;
    private final LogbookStore store;
    private final Clock clock;

    LogbookApi(Vertx vertx, LogbookStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    void mount(Router api) {
        api.get("/logbook").handler(this::page);
    }

    private void page(RoutingContext ctx) {
        LogbookQuery query = query(ctx);
        vertx.eventBus().request(Addresses.LOGBOOK_FLUSH, new LogbookEntries.Flush(), FLUSH)
                .transform(flushed -> vertx.executeBlocking(() -> store.query(query)))
                .onSuccess(page -> Responses.ok(ctx, json(query, page)))
                .onFailure(ctx::fail);
    }

    private LogbookQuery query(RoutingContext ctx) {
        TimeRange range = TimeRange.of(ctx, clock, DEFAULT_RANGE);
        return new LogbookQuery(range.from(), range.to(), text(ctx, "device"), text(ctx, "room"), kinds(ctx.queryParams().getAll("kind")),
                before(ctx.queryParams().get("before")), limit(ctx.queryParams().get("limit")));
    }

    private static JsonObject json(LogbookQuery query, LogbookQuery.Page page) {
        JsonArray entries = new JsonArray();
        for (LogbookEntry e : page.entries()) entries.add(entry(e));
        JsonObject json = new JsonObject().put("from", query.from().toString()).put("to", query.to().toString()).put("entries", entries);
        page.next().ifPresent(next -> json.put("next", Long.toString(next)));
        return json;
    }

    /** One entry as the API and the live stream ({@code logbook} events) show it. */
    static JsonObject entry(LogbookEntry e) {
        JsonObject json = new JsonObject().put("id", Long.toString(e.id())).put("at", e.at().toString()).put("kind", e.kind().apiName());
        e.device().ifPresent(d -> json.put("device", d));
        e.room().ifPresent(r -> json.put("room", r));
        e.automation().ifPresent(a -> json.put("automation", a));
        return json.put("text", e.text());
    }

    private static Set<LogbookEntry.Kind> kinds(List<String> params) {
        Set<LogbookEntry.Kind> kinds = EnumSet.noneOf(LogbookEntry.Kind.class);
        for (String param : params) {
            for (String name : param.split(",")) {
                if (name.isBlank()) continue;
                kinds.add(LogbookEntry.Kind.named(name.strip()).orElseThrow(() -> ApiError.badRequest(
                        "'kind' must be one of " + String.join(", ", LogbookEntry.Kind.names()) + ", got '" + name.strip() + "'")));
            }
        }
        return kinds;
    }

    private static OptionalLong before(String text) {
        if (text == null) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("'before' must be the 'next' of a previous page");
        }
    }

    private static int limit(String text) {
        if (text == null) return LogbookQuery.DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= LogbookQuery.MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("'limit' must be a whole number from 1 to " + LogbookQuery.MAX_LIMIT);
    }

    private static Optional<String> text(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.queryParams().get(name)).filter(t -> !t.isBlank());
    }
}
