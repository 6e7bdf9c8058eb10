package dev.hearth.sim.device;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The device models a scenario can place, with the timeline actions each understands and the
 * attributes it reports (the first is what an expectation checks when it names none). Each imitates a real model
 * (dev.hearth.sim.discovery.RealModels): the attributes are that model's Zigbee2MQTT properties.
 */
public enum DeviceKind {
    MOTION(EnumSet.of(Action.DETECT, Action.CLEAR), "occupancy", "battery"),
    CONTACT(EnumSet.of(Action.OPEN, Action.CLOSE), "contact", "battery"),
    TEMPERATURE(EnumSet.noneOf(Action.class), "temperature", "humidity", "battery"),
    ILLUMINANCE(EnumSet.noneOf(Action.class), "illuminance", "battery"),
    LIGHT(EnumSet.of(Action.ON, Action.OFF), "state", "brightness", "color_temp"),
    PLUG(EnumSet.of(Action.ON, Action.OFF), "state", "power", "energy"),
    THERMOSTAT(EnumSet.of(Action.HEAT, Action.OFF, Action.SETPOINT), "running_state", "system_mode",
            "current_heating_setpoint", "local_temperature");

    private final Set<Action> actions;
    private final List<String> attributes;

    DeviceKind(Set<Action> actions, String... attributes) {
        this.actions = actions;
        this.attributes = List.of(attributes);
    }

    public Set<Action> actions() {
        return actions;
    }

    public List<String> attributes() {
        return attributes;
    }

    public String mainAttribute() {
        return attributes.get(0);
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeviceKind> parse(String text) {
        return Arrays.stream(values()).filter(k -> k.yamlName().equals(text)).findFirst();
    }
}
