package dev.hearth.gateway.metrics;

import dev.hearth.gateway.logging.LogQueue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meter registry of one gateway. Every feature registers its meters here (named
 * {@code hearth.<area>.<what>}); Vert.x reports event-loop, pool and HTTP-server figures into
 * the same registry, and {@code GET /metrics} renders it in the Prometheus text format.
 * One registry per gateway (never Micrometer's global one) so that gateways in one JVM, as in
 * tests, keep their figures apart.
 */
public final class GatewayMeters implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<String> REGISTERED_AGAIN = Set.of("netty.eventexecutor.workers", "vertx.eventbus.handlers",
            "vertx.eventbus.pending", "vertx.http.server.active.connections", "vertx.http.server.active.requests");

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final String vertxRegistryName;

    private GatewayMeters(String gatewayId) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("gateway", gatewayId);
        // Gauges that vertx-micrometer-metrics registers twice, which Micrometer refuses with a WARN at every start:
        // netty.eventexecutor.workers (Micrometer's NettyEventExecutorMetrics is bound to both the acceptor and the
        // event-loop group, and names both groups' gauge alike; the group size is fixed anyway, the per-thread gauges
        // stay) and the event bus's handlers/pending gauges (registered again with every consumer, by design; the bus's
        // counters stay, and BusMeters counts what the home's messages do), and the HTTP server's active connections and
        // requests (registered again by every event loop that serves a connection: vert-x3/vertx-micrometer-metrics#259;
        // hearth.web.connections counts the connections, the request counters and timings stay).
        registry.config().meterFilter(MeterFilter.deny(id -> REGISTERED_AGAIN.contains(id.getName())));
        registry.config().meterFilter(new LatencyBuckets());
        BaseUnits.apply(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        BaseUnits.processCpu(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        FunctionCounter.builder("hearth.log.dropped", LogQueue.class, queue -> LogQueue.droppedLines())
                .description("Log lines dropped: the log output was blocked and the queue in front of it full").register(registry);
        // vertx-micrometer-metrics keeps registries in a static map by name: unique per gateway.
        this.vertxRegistryName = "hearth-" + gatewayId + "-" + SEQUENCE.incrementAndGet();
    }

    public static GatewayMeters create(String gatewayId) {
        return new GatewayMeters(gatewayId);
    }

    /** Where features register their meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Wires Vert.x's own metrics (event bus, HTTP server, worker pools, Netty event loops) to this registry. */
    public VertxBuilder instrument(VertxBuilder builder, VertxOptions options) {
        // Not the event bus's: vertx-micrometer-metrics looks up (and registers) a meter per message and address, about
        // 16 % of the event loop's samples in the round-trip profile (bench/NOTES.md); BusMeters counts what the
        // home's messages do instead.
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setNettyMetricsEnabled(true)
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .setRegistryName(vertxRegistryName);
        return builder.with(options.setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(registry));
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
