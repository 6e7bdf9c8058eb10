package dev.hearth.gateway;

import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.metrics.BusMeters;
import dev.hearth.gateway.metrics.EventLoopLagProbe;
import dev.hearth.gateway.metrics.GatewayMeters;
import dev.hearth.gateway.runtime.AcceptGate;
import dev.hearth.gateway.runtime.GatedTransport;
import dev.hearth.gateway.runtime.LibraryDefaults;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway runs on and what needs only its id: the meter registry and Vert.x (one event loop, its
 * codec and its probes, and the gate that caps the HTTP server's connections where they are accepted). Neither touches the disk or the network, so it can be built while the rest of the
 * configuration is still being read and simply closed if that turns out wrong: at start-up both are mostly
 * class loading (~10 % of the main thread's CPU to the first actuation), which then runs on the second core.
 */
record GatewayRuntime(GatewayMeters meters, Vertx vertx, AcceptGate httpGate) implements AutoCloseable {
    /**
     * One event loop: core, bridge, history and web share it, so the command path never crosses event-loop threads
     * (Vert.x gives each deployment the next loop in turn; with two, whether core and bridge met depended on the
     * deployment order). The core's loop is the one that saturates; a second one carried only the history's and the
     * dashboard's consumers, at the price of a wake-up per hand-over. Blocking work runs on workers, Paho and H2 on
     * their own threads.
     */
    static final int EVENT_LOOPS = 1;
    private static final int WORKERS = 4;
    private static final java.time.Duration STOP_WITHIN = java.time.Duration.ofSeconds(10);

    /** Builds the runtime of gateway {@code gatewayId} here, on the calling thread. */
    static GatewayRuntime build(String gatewayId) {
        LibraryDefaults.apply();
        GatewayMeters meters = GatewayMeters.create(gatewayId);
        Vertx vertx;
        GatedTransport transport = new GatedTransport();
        try {
            vertx = meters.instrument(Vertx.builder(), new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS).setWorkerPoolSize(WORKERS))
                    .withTransport(transport).build();
        } catch (RuntimeException | Error e) {
            meters.close();
            throw e;
        }
        GatewayRuntime runtime = new GatewayRuntime(meters, vertx, transport.httpGate());
        try {
            LocalCodec.install(vertx.eventBus());
            vertx.deployVerticle(() -> new EventLoopLagProbe(meters.registry()), new DeploymentOptions().setInstances(EVENT_LOOPS)).await();
            vertx.deployVerticle(new BusMeters(meters.registry())).await();
            return runtime;
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
    }

    /** Starts building it on a thread of its own; {@link #discard} it if the gateway does not start after all. */
    static CompletableFuture<GatewayRuntime> prepare(String gatewayId) {
        CompletableFuture<GatewayRuntime> runtime = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                runtime.complete(build(gatewayId));
            } catch (Throwable e) {
                runtime.completeExceptionally(e);
            }
        }, "hearth-runtime-start");
        builder.start();
        return runtime;
    }

    /** Closes a prepared runtime once it is built (or does nothing if building it failed). */
    static void discard(CompletableFuture<GatewayRuntime> runtime) {
        runtime.thenAccept(GatewayRuntime::close);
    }

    /** The prepared runtime, or the exception that building it threw. */
    static GatewayRuntime await(CompletableFuture<GatewayRuntime> runtime) {
        try {
            return runtime.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    /** Stops every verticle (they flush what they hold) within {@link #STOP_WITHIN}, then the meters. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LoggerFactory.getLogger(GatewayRuntime.class).warn("Gateway did not stop cleanly: {}", e.toString());
        } finally {
            meters.close();
        }
    }
}
