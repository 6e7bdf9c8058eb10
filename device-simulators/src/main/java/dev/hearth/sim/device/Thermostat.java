package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.SimClient;
import java.util.HashMap;
import java.util.Map;

/**
 * Radiator valve with thermostat, as a Tuya TS0601 speaks (its setpoint is {@code current_heating_setpoint}, 5-35 °C in
 * steps of 0.5; modes heat, auto and off): heats while not off and the room is below the setpoint.
 */
public final class Thermostat extends SimulatedDevice {
    public Thermostat(SimClient client, DeviceTopics topics) {
        super(client, topics, Map.of("local_temperature", 20.0, "current_heating_setpoint", 20.0,
                "system_mode", "off", "running_state", "idle"));
    }

    public synchronized void setLocalTemperature(double celsius) {
        apply(Map.of("local_temperature", Attributes.oneDecimal(celsius)));
    }

    /** A change made on the device itself; goes through the same rules as a command. */
    public void setSystemMode(String mode) {
        handleCommand(Map.of("system_mode", mode));
    }

    public void setSetpoint(double celsius) {
        handleCommand(Map.of("current_heating_setpoint", celsius));
    }

    public double localTemperature() {
        return number("local_temperature");
    }

    public double setpoint() {
        return number("current_heating_setpoint");
    }

    public String systemMode() {
        return (String) get("system_mode");
    }

    public boolean isHeating() {
        return "heat".equals(get("running_state"));
    }

    @Override
    protected boolean acceptsCommands() {
        return true;
    }

    @Override
    protected synchronized void handleCommand(Map<String, Object> command) {
        Map<String, Object> changes = new HashMap<>();
        Attributes.number(command.get("current_heating_setpoint")).ifPresent(sp ->
                changes.put("current_heating_setpoint", Math.round(Attributes.clamp(sp, 5, 35) * 2) / 2.0));
        Attributes.lower(command.get("system_mode"))
                .filter(mode -> mode.equals("off") || mode.equals("heat") || mode.equals("auto"))
                .ifPresent(mode -> changes.put("system_mode", mode));
        apply(changes);
    }

    /** Every change re-derives running_state, so the published state is always consistent. */
    private void apply(Map<String, Object> changes) {
        Map<String, Object> next = snapshot();
        next.putAll(changes);
        boolean heat = !"off".equals(next.get("system_mode"))
                && ((Number) next.get("local_temperature")).doubleValue()
                        < ((Number) next.get("current_heating_setpoint")).doubleValue();
        Map<String, Object> all = new HashMap<>(changes);
        all.put("running_state", heat ? "heat" : "idle");
        update(all);
    }
}
