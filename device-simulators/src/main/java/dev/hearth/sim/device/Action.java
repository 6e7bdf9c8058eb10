package dev.hearth.sim.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a timeline entry does to a device; {@link #SETPOINT} needs a value. */
public enum Action {
    DETECT, CLEAR, OPEN, CLOSE, ON, OFF, HEAT, SETPOINT;

    public boolean needsValue() {
        return this == SETPOINT;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> parse(String text) {
        return Arrays.stream(values()).filter(a -> a.yamlName().equals(text)).findFirst();
    }
}
