package dev.hearth.gateway.uplink;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.Transport;
import dev.hearth.gateway.outbox.OutboxStatus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Keeps the gateway's retained health summary upstream current at a bounded rate: after each connection and then
 * whenever it changed, never more than once per {@code uplink.health_interval}. Runs on the uplink's context, which
 * is the home's one event loop (the registry is read there).
 */
final class HealthReporter {
    private final EventBus bus;
    private final DeviceRegistry registry;
    private final LongSupplier uplinkBacklog;
    private final Transport link;
    private final String topic;
    private final String gateway;
    private final String version;
    private final Duration interval;
    private final Clock clock;
    private Optional<Instant> linkUpSince = Optional.empty();
    private Optional<FleetHealth.Problem> lastError = Optional.empty();
    private FleetHealth lastPublished;
    private Instant lastPublishedAt = Instant.MIN;
    private boolean publishedOnThisConnection;

    HealthReporter(EventBus bus, DeviceRegistry registry, LongSupplier uplinkBacklog, Transport link, UplinkSettings settings,
                   String version, Clock clock) {
        this.bus = bus;
        this.registry = registry;
        this.uplinkBacklog = uplinkBacklog;
        this.link = link;
        this.topic = settings.topics().health();
        this.gateway = settings.gatewayId();
        this.version = version;
        this.interval = settings.healthInterval();
        this.clock = clock;
    }

    /** Listens for what the summary reports as the last error: the local broker refusing us, a command never confirmed. */
    void register() {
        bus.<ConnectionChanged>consumer(Addresses.MQTT_CONNECT_FAILED, m -> problem("local broker: " + m.body().reason()));
        bus.<CommandFailed>consumer(Addresses.DEVICE_COMMAND_FAILED, m -> problem("command to " + m.body().device()
                + " never confirmed after " + m.body().attempts() + " attempts"));
    }

    void problem(String message) {
        lastError = Optional.of(new FleetHealth.Problem(clock.instant(), message));
    }

    /** The uplink came up (ready) or went down. */
    void linkChanged(ConnectionChanged c) {
        linkUpSince = c.connected() ? Optional.of(clock.instant()) : Optional.empty();
        publishedOnThisConnection = false;
        if (!c.connected()) problem("uplink: " + c.reason());
        else tick();
    }

    /** Publishes the summary (its uptime grows by itself: not a change) if the link is up, it changed (or is not on this connection yet), and the interval allows. */
    void tick() {
        if (!link.ready() || Duration.between(lastPublishedAt, clock.instant()).compareTo(interval) < 0) return;
        gather().onSuccess(health -> {
            if (publishedOnThisConnection && health.equals(lastPublished) || !link.ready()) return;
            Instant now = clock.instant();
            link.send(new Publication(topic, health.json(now), 1, true), Optional.empty());
            lastPublished = health;
            lastPublishedAt = now;
            publishedOnThisConnection = true;
        });
    }

    private Future<FleetHealth> gather() {
        Future<OutboxStatus> local = bus.<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query()).map(m -> m.body());
        Future<AutomationQuery.Listing> automations = bus.<AutomationQuery.Listing>request(Addresses.AUTOMATION_LIST,
                new AutomationQuery.ListAll()).map(m -> m.body());
        return Future.all(local, automations).map(all -> {
            Map<Availability, Integer> devices = new java.util.EnumMap<>(Availability.class);
            registry.specs().forEach(spec -> devices.merge(registry.state(spec.id()).map(DeviceState::availability)
                    .orElse(Availability.UNKNOWN), 1, Integer::sum));
            int paused = (int) automations.result().automations().stream().filter(a -> !a.enabled()).count();
            return new FleetHealth(gateway, version, devices.getOrDefault(Availability.ONLINE, 0),
                    devices.getOrDefault(Availability.OFFLINE, 0), devices.getOrDefault(Availability.UNKNOWN, 0),
                    local.result().queued(), uplinkBacklog.getAsLong(), linkUpSince, lastError,
                    automations.result().automations().size(), paused);
        });
    }
}
