package dev.hearth.gateway.config;

import dev.hearth.gateway.device.DeviceSpec;

import java.nio.file.Path;
import java.util.List;

/** Everything the gateway needs to start, validated. */
public record GatewayConfig(String id, Path dataDir, Path automationsDir, int maxPayloadBytes,
                            MqttSettings mqtt, BrokerSettings broker, HttpSettings http, Location location,
                            List<DeviceSpec> devices) {

    public GatewayConfig {
        devices = List.copyOf(devices);
    }

    public GatewayConfig withMqtt(MqttSettings settings) {
        return new GatewayConfig(id, dataDir, automationsDir, maxPayloadBytes, settings, broker, http, location, devices);
    }

    public GatewayConfig withBroker(BrokerSettings settings) {
        return new GatewayConfig(id, dataDir, automationsDir, maxPayloadBytes, mqtt, settings, http, location, devices);
    }
}
