package dev.hearth.gateway.config;

import dev.hearth.gateway.logging.LogFormat;
import dev.hearth.gateway.broker.BrokerSettings;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.time.Location;
import dev.hearth.gateway.web.HttpSettings;
import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.AutomationSettings;
import dev.hearth.gateway.device.DeviceGroups;
import dev.hearth.gateway.device.DeviceOverride;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.discovery.DiscoverySettings;
import dev.hearth.gateway.history.HistorySettings;
import dev.hearth.gateway.notify.NotifySettings;
import dev.hearth.gateway.outbox.OutboxSettings;
import dev.hearth.gateway.commands.ConfirmationSettings;
import dev.hearth.gateway.uplink.UplinkSettings;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.home.Locals;
import dev.hearth.gateway.watchdog.Watchdog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Everything the gateway needs to start, validated. */
public record GatewayConfig(String id, Path dataDir, Path automationsDir, int maxPayloadBytes, Durability durability,
                            MqttSettings mqtt, BrokerSettings broker, HttpSettings http, Location location,
                            List<DeviceSpec> devices, OutboxSettings outbox, ConfirmationSettings commands,
                            Optional<UplinkSettings> uplink, HistorySettings history, AutomationSettings automation,
                            LogFormat logFormat, Locals locals, DiscoverySettings discovery,
                            List<DeviceOverride> overrides, NotifySettings notifications, DeviceGroups groups,
                            Watchdog.Settings watchdog) {

    public GatewayConfig {
        devices = List.copyOf(devices);
        java.util.Objects.requireNonNull(locals, "locals");
        overrides = List.copyOf(overrides);
        java.util.Objects.requireNonNull(groups, "groups");
        java.util.Objects.requireNonNull(watchdog, "watchdog");
    }

    /** With other discovery settings (tests turn it off for a home of hand-written devices only). */
    public GatewayConfig withDiscovery(DiscoverySettings settings) {
        return new GatewayConfig(id, dataDir, automationsDir, maxPayloadBytes, durability, mqtt, broker, http, location, devices, outbox, commands, uplink, history, automation, logFormat, locals, settings, overrides, notifications, groups, watchdog);
    }

    /**
     * A loader of automations for this home: its devices and groups, and the notify services its automations may use.
     * With discovery on, an automation naming a device not configured waits for discovery to find it.
     */
    public AutomationLoader automationLoader() {
        return new AutomationLoader(devices, notifications.services().keySet(), discovery.any()).withGroups(groups);
    }

    public GatewayConfig withMqtt(MqttSettings settings) {
        return new GatewayConfig(id, dataDir, automationsDir, maxPayloadBytes, durability, settings, broker, http, location, devices, outbox, commands, uplink, history, automation, logFormat, locals, discovery, overrides, notifications, groups, watchdog);
    }

    public GatewayConfig withDataDir(Path dir) {
        return new GatewayConfig(id, dir, automationsDir, maxPayloadBytes, durability, mqtt, broker, http, location, devices, outbox, commands, uplink, history, automation, logFormat, locals, discovery, overrides, notifications, groups, watchdog);
    }

    public GatewayConfig withHttp(HttpSettings settings) {
        return new GatewayConfig(id, dataDir, automationsDir, maxPayloadBytes, durability, mqtt, broker, settings, location, devices, outbox, commands, uplink, history, automation, logFormat, locals, discovery, overrides, notifications, groups, watchdog);
    }

    public GatewayConfig withOutbox(OutboxSettings settings) {
        return new GatewayConfig(id, dataDir, automationsDir, maxPayloadBytes, durability, mqtt, broker, http, location, devices, settings, commands, uplink, history, automation, logFormat, locals, discovery, overrides, notifications, groups, watchdog);
    }

    /** Without the uplink: nothing beyond this home sees what runs (scenario checks). */
    public GatewayConfig withoutUplink() {
        return new GatewayConfig(id, dataDir, automationsDir, maxPayloadBytes, durability, mqtt, broker, http, location, devices, outbox, commands, Optional.empty(), history, automation, logFormat, locals, discovery, overrides, notifications, groups, watchdog);
    }

    public GatewayConfig withBroker(BrokerSettings settings) {
        return new GatewayConfig(id, dataDir, automationsDir, maxPayloadBytes, durability, mqtt, settings, http, location, devices, outbox, commands, uplink, history, automation, logFormat, locals, discovery, overrides, notifications, groups, watchdog);
    }
}
