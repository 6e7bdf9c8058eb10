package dev.hearth.gateway.web;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandBody;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.history.HistoryStore;
import dev.hearth.gateway.message.PublishRefused;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** {@code /api/devices}: state snapshots from the registry, history from H2, commands over the bus. */
final class DeviceApi {
    static final Duration DEFAULT_HISTORY = Duration.ofHours(24);
    static final int MAX_HISTORY_POINTS = 20_000;
    /** With the broker up, how long the API waits for its acknowledgement before answering 202 instead. */
    private static final DeliveryOptions COMMAND_WAIT = new DeliveryOptions().setSendTimeout(5_000);
    /**
     * With the broker away, a command is validated and queued (or refused) at once and can only wait for the
     * broker's return: the API answers as soon as that is known rather than after {@link #COMMAND_WAIT}.
     */
    private static final DeliveryOptions COMMAND_QUEUE_WAIT = new DeliveryOptions().setSendTimeout(250);

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final HistoryStore history;
    private final Clock clock;
    private final BooleanSupplier brokerReady;

    DeviceApi(Vertx vertx, DeviceRegistry registry, HistoryStore history, Clock clock, BooleanSupplier brokerReady) {
        this.vertx = vertx;
        this.registry = registry;
        this.history = history;
        this.clock = clock;
        this.brokerReady = brokerReady;
    }

    void mount(Router api) {
        api.get("/devices").handler(this::list);
        api.get("/devices/:id").handler(this::one);
        api.get("/devices/:id/history").handler(this::history);
        api.post("/devices/:id/command").handler(this::command);
    }

    private void list(RoutingContext ctx) {
        JsonArray devices = new JsonArray();
        registry.specs().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(spec -> devices.add(DeviceJson.device(spec, state(spec), registry.hidden(spec.id()))));
        Responses.ok(ctx, new JsonObject().put("devices", devices));
    }

    private void one(RoutingContext ctx) {
        DeviceSpec spec = spec(ctx);
        TimeRange range = TimeRange.of(ctx, clock, DEFAULT_HISTORY);
        vertx.executeBlocking(() -> history.query(spec.id(), Optional.empty(), range.from(), range.to(), MAX_HISTORY_POINTS))
                .onSuccess(points -> Responses.ok(ctx, DeviceJson.device(spec, state(spec), registry.hidden(spec.id()))
                        .put("history", DeviceJson.history(points)).put("from", range.from().toString()).put("to", range.to().toString())))
                .onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        DeviceSpec spec = spec(ctx);
        TimeRange range = TimeRange.of(ctx, clock, DEFAULT_HISTORY);
        Optional<String> attribute = Optional.ofNullable(ctx.queryParams().get("attribute"));
        if (attribute.isPresent() && spec.attribute(attribute.get()).isEmpty()) {
            throw ApiError.badRequest(spec.id() + " has no attribute '" + attribute.get() + "'");
        }
        vertx.executeBlocking(() -> history.query(spec.id(), attribute, range.from(), range.to(), MAX_HISTORY_POINTS))
                .onSuccess(points -> Responses.ok(ctx, new JsonObject().put("device", spec.id().value())
                        .put("from", range.from().toString()).put("to", range.to().toString())
                        .put("history", DeviceJson.history(points))))
                .onFailure(ctx::fail);
    }

    private void command(RoutingContext ctx) {
        DeviceSpec spec = spec(ctx);
        CommandRequested command = new CommandRequested(spec.id(), values(ctx, spec), "api");
        vertx.eventBus().request(Addresses.DEVICE_COMMAND, command, brokerReady.getAsBoolean() ? COMMAND_WAIT : COMMAND_QUEUE_WAIT)
                .onSuccess(r -> Responses.ok(ctx, new JsonObject().put("delivered", true)))
                .onFailure(e -> commandFailed(ctx, e));
    }

    private static void commandFailed(RoutingContext ctx, Throwable e) {
        if (e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT) {
            Responses.json(ctx, 202, new JsonObject().put("delivered", false).put("message", "queued; waiting for the broker"));
        } else if (e instanceof ReplyException r && r.failureCode() == 503) {
            // The outbox is full: the gateway's condition, which passes as the broker takes messages again.
            ctx.response().putHeader("Retry-After", Long.toString(PublishRefused.RETRY_AFTER.toSeconds()));
            Responses.error(ctx, 503, e.getMessage());
        } else ctx.fail(e);
    }

    /** The body {@code {"set": {"state": "ON", "brightness": 200}}}, typed ({@link CommandBody}); the core validates it against the device. */
    private static Map<String, Value> values(RoutingContext ctx, DeviceSpec spec) {
        try {
            return CommandBody.values(spec, Bodies.object(ctx).getMap());
        } catch (CommandBody.Invalid e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private DeviceSpec spec(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!DeviceId.isValid(id)) throw ApiError.notFound("no device '" + id + "'");
        return registry.spec(new DeviceId(id)).orElseThrow(() -> ApiError.notFound("no device '" + id + "'"));
    }

    private DeviceState state(DeviceSpec spec) {
        return registry.state(spec.id()).orElse(DeviceState.initial(spec.id()));
    }
}
