package dev.hearth.sim.device;

import java.time.Duration;

/** One device of a scenario's home. {@code hold} applies to motion sensors, {@code responseDelay} to lights. */
public record DeviceSpec(String id, String room, DeviceKind kind, DeviceTopics topics, Duration hold,
                         Duration responseDelay) {
}
