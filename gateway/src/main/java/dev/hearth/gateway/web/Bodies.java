package dev.hearth.gateway.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Request bodies: JSON objects only, within the size the body handler allows. */
final class Bodies {
    private Bodies() {
    }

    static JsonObject object(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) throw ApiError.badRequest("a JSON object body is required");
        try {
            Object json = io.vertx.core.json.Json.decodeValue(text);
            if (json instanceof JsonObject o) return o;
        } catch (DecodeException e) {
            throw ApiError.badRequest("the body is not valid JSON");
        }
        throw ApiError.badRequest("the body must be a JSON object");
    }
}
