package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.model.StateView;
import dev.hearth.gateway.device.AttributeState;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.Value;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Device state as automations see it, read from the registry's snapshots. */
final class RegistryStateView implements StateView {
    private final DeviceRegistry registry;

    RegistryStateView(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Value> value(DeviceId device, String attribute) {
        return registry.state(device).flatMap(s -> s.value(attribute));
    }

    @Override
    public Map<String, Object> attributes(DeviceId device) {
        Map<String, Object> out = new HashMap<>();
        registry.state(device).map(DeviceState::attributes).orElse(Map.of())
                .forEach((name, state) -> out.put(name, ((AttributeState) state).value().plain()));
        return out;
    }

    @Override
    public Optional<java.time.Instant> lastChanged(DeviceId device, String attribute) {
        return registry.state(device).flatMap(s -> Optional.ofNullable(s.attributes().get(attribute))).map(AttributeState::lastChanged);
    }

    @Override
    public java.util.Collection<DeviceSpec> devices() {
        return registry.specs();
    }

    @Override
    public Availability availability(DeviceId device) {
        return registry.state(device).map(DeviceState::availability).orElse(Availability.UNKNOWN);
    }
}
