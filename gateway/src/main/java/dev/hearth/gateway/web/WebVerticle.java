package dev.hearth.gateway.web;

import dev.hearth.gateway.config.HttpSettings;
import dev.hearth.gateway.metrics.GatewayMeters;
import dev.hearth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * The HTTP side of the gateway: health, metrics, JSON API, live stream and dashboard on one port.
 * A thin adapter: it reads home state through the event bus and immutable snapshots only.
 */
public final class WebVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(WebVerticle.class);

    private final HttpSettings settings;
    private final GatewayMeters meters;
    private final Database database;
    private final BooleanSupplier brokerReady;
    private final Clock clock;
    private HealthCheck health;
    private HttpServer server;

    public WebVerticle(HttpSettings settings, GatewayMeters meters, Database database, BooleanSupplier brokerReady, Clock clock) {
        this.settings = settings;
        this.meters = meters;
        this.database = database;
        this.brokerReady = brokerReady;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        health = new HealthCheck(vertx, database, brokerReady, clock);
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
        return vertx.executeBlocking(() -> {
                    HealthCheck.migrate(database);
                    return null;
                })
                .compose(v -> vertx.createHttpServer().requestHandler(router).listen(settings.port(), settings.bind())
                .onSuccess(s -> {
                    server = s;
                    log.info("Dashboard and API on http://{}:{}/", settings.bind(), s.actualPort());
                }));
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return server.actualPort();
    }

    private void health(RoutingContext ctx) {
        health.check().onSuccess(r -> ctx.response()
                .setStatusCode(r.ready() ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(r.toJson().encode()));
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(meters.scrape());
    }
}
