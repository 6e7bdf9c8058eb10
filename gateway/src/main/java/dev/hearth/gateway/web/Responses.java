package dev.hearth.gateway.web;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON replies and the one place failures become responses: a status and a message, never a stack trace. */
final class Responses {
    private static final Logger log = LoggerFactory.getLogger(Responses.class);

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) return;
        Object json = body instanceof JsonObject || body instanceof JsonArray ? body : RecordJson.toJson(body);
        String text = json instanceof JsonObject o ? o.encode() : json instanceof JsonArray a ? a.encode() : Json.encode(json);
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(text);
    }

    static void ok(RoutingContext ctx, Object body) {
        json(ctx, 200, body);
    }

    static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message).put("status", status));
    }

    /** Failure handler of the router: expected refusals keep their status; anything else is a logged 500. */
    static void failure(RoutingContext ctx) {
        Throwable f = ctx.failure();
        if (f instanceof ApiError e) {
            error(ctx, e.status(), e.getMessage());
        } else if (f instanceof ReplyException r && r.failureCode() >= 400 && r.failureCode() < 500) {
            error(ctx, r.failureCode(), r.getMessage());
        } else if (f == null && ctx.statusCode() == 413) {
            // Bad input is a 400 with a message everywhere in this API, the size limit included.
            error(ctx, 400, "request body too large: at most " + WebVerticle.MAX_BODY_BYTES + " bytes");
        } else if (f == null) {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            error(ctx, status, status == 404 ? "not found" : "request refused");
        } else {
            log.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), f.toString());
            error(ctx, 500, "internal error; the gateway log has the details");
        }
    }
}
