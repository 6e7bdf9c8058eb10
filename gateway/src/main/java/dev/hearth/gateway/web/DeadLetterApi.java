package dev.hearth.gateway.web;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.outbox.DeadLetter;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code /api/outbox/dead-letters}: the messages the broker refused every time, listed, queued again or dropped one
 * at a time, all through the outbox on the bus ({@code hearth.outbox.dead-letters}). Each answer is the list as it
 * is afterwards.
 */
final class DeadLetterApi {
    private final EventBus bus;

    DeadLetterApi(EventBus bus) {
        this.bus = bus;
    }

    void mount(Router api) {
        api.get("/outbox/dead-letters").handler(ctx -> reply(ctx, ask(new DeadLetter.ListAll())));
        api.post("/outbox/dead-letters/:id/retry").handler(ctx -> act(ctx, ids -> new DeadLetter.Retry(ids)));
        api.post("/outbox/dead-letters/:id/drop").handler(ctx -> act(ctx, ids -> new DeadLetter.Drop(ids)));
    }

    /** Only a dead letter that exists is retried or dropped: an unknown id is a 404, not a silent no-op. */
    private void act(RoutingContext ctx, java.util.function.Function<List<Long>, DeadLetter.Request> request) {
        long id = id(ctx.pathParam("id"));
        reply(ctx, ask(new DeadLetter.ListAll()).compose(listing -> {
            if (listing.deadLetters().stream().noneMatch(d -> d.id() == id)) {
                return Future.failedFuture(ApiError.notFound("no dead letter " + id));
            }
            return ask(request.apply(List.of(id)));
        }));
    }

    private Future<DeadLetter.Listing> ask(DeadLetter.Request request) {
        return bus.<DeadLetter.Listing>request(Addresses.OUTBOX_DEAD_LETTERS, request).map(m -> m.body());
    }

    private static void reply(RoutingContext ctx, Future<DeadLetter.Listing> listing) {
        listing.onSuccess(l -> Responses.ok(ctx, l)).onFailure(ctx::fail);
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiError.notFound("no dead letter " + text);
        }
    }
}
