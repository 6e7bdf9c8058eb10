package dev.hearth.sim.scenario;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The device models a scenario can place, with the timeline actions each understands. */
public enum DeviceKind {
    MOTION(EnumSet.of(Action.DETECT, Action.CLEAR)),
    CONTACT(EnumSet.of(Action.OPEN, Action.CLOSE)),
    TEMPERATURE(EnumSet.noneOf(Action.class)),
    ILLUMINANCE(EnumSet.noneOf(Action.class)),
    LIGHT(EnumSet.of(Action.ON, Action.OFF)),
    PLUG(EnumSet.of(Action.ON, Action.OFF)),
    THERMOSTAT(EnumSet.of(Action.HEAT, Action.OFF, Action.SETPOINT));

    private final Set<Action> actions;

    DeviceKind(Set<Action> actions) {
        this.actions = actions;
    }

    public Set<Action> actions() {
        return actions;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<DeviceKind> parse(String text) {
        return Arrays.stream(values()).filter(k -> k.yamlName().equals(text)).findFirst();
    }
}
