package dev.hearth.sim.scenario;

import dev.hearth.sim.device.Action;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * "At 18:02, hallway_motion detects (someone enters the hallway); hallway_light is ON within 1s."
 * An entry may only state expectations: then it has no device and no action.
 */
public record TimelineEvent(LocalTime at, Optional<String> device, Optional<Action> action, OptionalDouble value,
                            String note, List<Expectation> expectations) {
    public TimelineEvent {
        expectations = List.copyOf(expectations);
        if (device.isPresent() != action.isPresent()) {
            throw new IllegalArgumentException("device and action go together");
        }
    }

    @Override
    public String toString() {
        String what = device.map(d -> d + " " + action.orElseThrow().yamlName()).orElse("check");
        return at + " " + what
                + (value.isPresent() ? " " + Scenario.number(value.getAsDouble()) : "")
                + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
