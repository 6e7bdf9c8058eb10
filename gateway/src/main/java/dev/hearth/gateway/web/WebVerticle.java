package dev.hearth.gateway.web;

import dev.hearth.gateway.automation.trace.AutomationRuns;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.DevicesChanged;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.history.HistoryStore;
import dev.hearth.gateway.logbook.LogbookEntries;
import dev.hearth.gateway.logbook.LogbookStore;
import dev.hearth.gateway.metrics.GatewayMeters;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.runtime.AcceptGate;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.web.auth.AccessToken;
import dev.hearth.gateway.web.auth.Clients;
import dev.hearth.gateway.web.auth.PasswordHash;
import dev.hearth.gateway.web.auth.Sessions;
import dev.hearth.gateway.web.auth.WebAuth;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.file.Path;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP side of the gateway: health, metrics, JSON API, live stream and dashboard on one port.
 * A thin adapter: it reads home state through the event bus and the registry's immutable snapshots.
 * Route order is the security model: headers, the Host check, body limit, public routes, then the guard,
 * then the rest. Connections are bounded before any of it: their number where they are accepted ({@link AcceptGate}),
 * the time to a first request by {@link ConnectionGuard}, header sizes and idle time by {@link ServerOptions}.
 */
public final class WebVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(WebVerticle.class);
    /** Commands and sign-ins are a few hundred bytes; nothing the API accepts comes near this. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /** What the web side needs from the gateway. */
    public record Dependencies(HttpSettings settings, GatewayMeters meters, Database database, DeviceRegistry registry,
                               HistoryStore history, LogbookStore logbook, BooleanSupplier brokerReady, Supplier<Optional<String>> stuck,
                               AccessToken token, Clock clock, Path automationsDir,
                               Set<String> notifyServices, Supplier<ConnectionChanged> link, AcceptGate gate) {
    }

    private final Dependencies deps;
    private final LiveStream live = new LiveStream();
    private HttpServer server;
    private Router router;
    private LinkStatus link;
    private ConnectionGuard guard;

    public WebVerticle(Dependencies deps) {
        this.deps = deps;
    }

    @Override
    public Future<?> start() {
        link = new LinkStatus(vertx.eventBus(), deps.brokerReady(), deps.link());
        guard = new ConnectionGuard(vertx, deps.settings().limits());
        deps.gate().limit(deps.settings().limits().maxConnections());
        subscribe(vertx.eventBus());
        vertx.setPeriodic(LiveStream.KEEP_ALIVE_MS, id -> live.keepAlive());
        Gauge.builder("hearth.web.stream.clients", live, LiveStream::clients)
                .description("Open live-stream (SSE) connections").register(deps.meters().registry());
        Gauge.builder("hearth.web.connections", deps.gate(), AcceptGate::open)
                .description("Open HTTP connections (at most http.limits.max_connections)").register(deps.meters().registry());
        return vertx.executeBlocking(() -> {
                    HealthCheck.migrate(deps.database());
                    return hostNames();
                })
                .compose(this::listen)
                .onSuccess(s -> {
                    server = s;
                    log.info("Dashboard and API on {}", url());
                });
    }

    private Future<HttpServer> listen(List<String> hostNames) {
        router = router(new HostCheck(hostNames));
        return vertx.createHttpServer(ServerOptions.of(deps.settings()))
                .connectionHandler(guard::connected)
                .requestHandler(request -> {
                    guard.requested(request);
                    router.handle(request);
                })
                .listen(deps.settings().port(), deps.settings().bind());
    }

    /** The names the server answers to: the configured ones, else localhost and this machine's name (a DNS look-up: off the event loop). */
    private List<String> hostNames() {
        HttpSettings settings = deps.settings();
        List<String> names = new ArrayList<>(settings.hosts());
        if (names.isEmpty()) names.addAll(HttpSettings.defaultHosts(localHostName()));
        names.add(settings.bind());
        return names;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Where the dashboard is, e.g. {@code https://127.0.0.1:8443/}. */
    public String url() {
        String host = host();
        return deps.settings().scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** The host to put in links: the bound address, or loopback when bound to every address. */
    public String host() {
        String bind = deps.settings().bind();
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return server.actualPort();
    }

    /** The routes served, for the test that holds them against docs/openapi.yaml. */
    Router router() {
        return router;
    }

    private Router router(HostCheck hosts) {
        Router router = Router.router(vertx);
        router.route().handler(SecurityHeaders::apply);
        router.route().handler(hosts::handle);
        // An automation file may be larger than any other body; the first body handler a request meets decides.
        router.route("/api/automation-files/*").handler(BodyHandler.create(false).setBodyLimit(EditorApi.MAX_FILE_BYTES));
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        HealthCheck health = new HealthCheck(vertx, deps.database(), deps.brokerReady(), deps.stuck());
        router.get("/health").handler(ctx -> health(ctx, health));
        Dashboard dashboard = new Dashboard();
        dashboard.mountPublic(router);
        WebAuth auth = auth();
        auth.mountLogin(router);
        router.route().handler(auth::guard);
        auth.mountSession(router);
        router.get("/metrics").handler(this::metrics);
        router.route("/api/*").subRouter(api());
        dashboard.mountPrivate(router);
        router.route().failureHandler(Responses::failure);
        return router;
    }

    private Router api() {
        Router api = Router.router(vertx);
        new DeviceApi(vertx, deps.registry(), deps.history(), deps.clock(), deps.brokerReady()).mount(api);
        new AutomationApi(vertx.eventBus()).mount(api);
        new LogbookApi(vertx, deps.logbook(), deps.clock()).mount(api);
        new DeadLetterApi(vertx.eventBus()).mount(api);
        if (deps.settings().editor()) new EditorApi(vertx, deps.registry(), deps.automationsDir(), deps.notifyServices()).mount(api);
        else EditorApi.mountDisabled(api);
        api.get("/clock").handler(ctx -> Responses.ok(ctx, new JsonObject().put("now", deps.clock().instant().toString())
                .put("zone", deps.clock().getZone().getId())));
        api.get("/status").handler(ctx -> link.status().onSuccess(s -> Responses.ok(ctx, s)));
        api.get("/events").handler(ctx -> {
            if (!WebAuth.sameOrigin(ctx)) throw new ApiError(403, "cross-site event stream refused");
            live.open(ctx);
        });
        api.route().handler(ctx -> Responses.error(ctx, 404, "no such API: " + ctx.request().method() + " " + ctx.normalizedPath()));
        api.route().failureHandler(Responses::failure);
        return api;
    }

    private WebAuth auth() {
        return new WebAuth(vertx, deps.token(), deps.settings().passwordHash().flatMap(PasswordHash::parse),
                new Sessions(Clock.systemUTC()), new Clients(deps.settings().trustedProxies()), Clock.systemUTC());
    }

    private void subscribe(EventBus bus) {
        bus.<StateChanges>consumer(Addresses.DEVICE_STATE_CHANGED, m -> m.body().changes().forEach(c -> live.publish("state", () -> RecordJson.record(c))));
        bus.<AvailabilityChanged>consumer(Addresses.DEVICE_AVAILABILITY_CHANGED, m -> live.publish("availability", () -> RecordJson.record(m.body())));
        bus.<EventReported>consumer(Addresses.DEVICE_EVENT, m -> live.publish("event", () -> RecordJson.record(m.body())));
        bus.<DevicesChanged>consumer(Addresses.DEVICES_CHANGED, m -> live.publish("devices", () -> RecordJson.record(m.body())));
        bus.<AutomationRuns>consumer(Addresses.AUTOMATION_RUN, m -> m.body().runs().forEach(r -> live.publish("automation", () -> TraceReason.json(r))));
        bus.<LogbookEntries>consumer(Addresses.LOGBOOK_ENTRIES, m -> m.body().entries().forEach(e -> live.publish("logbook", () -> LogbookApi.entry(e))));
        // The link's own state is already the changed one: the event only says to show it again.
        bus.<ConnectionChanged>consumer(Addresses.MQTT_CONNECTION, m -> live.publish("connection", link::connection));
        bus.<ConnectionChanged>consumer(Addresses.MQTT_CONNECT_FAILED, m -> live.publish("connection", link::connection));
    }

    private void health(RoutingContext ctx, HealthCheck health) {
        health.check().onSuccess(r -> Responses.json(ctx, r.ready() ? 200 : 503, r.toJson()));
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(deps.meters().scrape());
    }
}
