package dev.hearth.sim.scenario;

import java.time.LocalTime;
import java.util.OptionalDouble;

/** "At 18:02, hallway_motion detects (someone enters the hallway)". */
public record TimelineEvent(LocalTime at, String device, Action action, OptionalDouble value, String note) {
    @Override
    public String toString() {
        return at + " " + device + " " + action.yamlName()
                + (value.isPresent() ? " " + value.getAsDouble() : "")
                + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
