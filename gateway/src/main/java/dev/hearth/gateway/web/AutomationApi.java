package dev.hearth.gateway.web;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/automations}: listing, enable/disable, trigger now and run traces, all over the bus. */
final class AutomationApi {
    static final int DEFAULT_RUNS = 20;
    static final int MAX_RUNS = 200;

    private final EventBus bus;

    AutomationApi(EventBus bus) {
        this.bus = bus;
    }

    void mount(Router api) {
        api.get("/automations").handler(this::list);
        api.get("/automations/:id/runs").handler(this::runs);
        api.post("/automations/:id/enable").handler(ctx -> control(ctx, new AutomationQuery.SetEnabled(ctx.pathParam("id"), true)));
        api.post("/automations/:id/disable").handler(ctx -> control(ctx, new AutomationQuery.SetEnabled(ctx.pathParam("id"), false)));
        api.post("/automations/:id/trigger").handler(ctx -> control(ctx, new AutomationQuery.TriggerNow(ctx.pathParam("id"))));
    }

    private void list(RoutingContext ctx) {
        bus.<AutomationQuery.Listing>request(Addresses.AUTOMATION_LIST, new AutomationQuery.ListAll())
                .onSuccess(r -> Responses.ok(ctx, r.body()))
                .onFailure(ctx::fail);
    }

    private void runs(RoutingContext ctx) {
        int limit = limit(ctx.queryParams().get("limit"));
        bus.<AutomationQuery.Runs>request(Addresses.AUTOMATION_RUNS, new AutomationQuery.RecentRuns(ctx.pathParam("id"), limit))
                .onSuccess(r -> Responses.ok(ctx, runs(r.body())))
                .onFailure(ctx::fail);
    }

    /** The runs with each one's reason in words ({@link TraceReason}). */
    private static JsonObject runs(AutomationQuery.Runs runs) {
        return new JsonObject().put("runs", new JsonArray(runs.runs().stream().map(TraceReason::json).toList()));
    }

    private void control(RoutingContext ctx, AutomationQuery.Control control) {
        bus.request(Addresses.AUTOMATION_CONTROL, control)
                .onSuccess(r -> Responses.ok(ctx, new JsonObject().put("ok", true)))
                .onFailure(ctx::fail);
    }

    private static int limit(String text) {
        if (text == null) return DEFAULT_RUNS;
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_RUNS) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("'limit' must be a whole number from 1 to " + MAX_RUNS);
    }
}
