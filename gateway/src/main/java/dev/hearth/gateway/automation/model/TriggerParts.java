package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the readers of trigger kinds share, given by the loader: devices and typed reading of values, times and
 * durations, each reporting its problems with file:line:column.
 */
public interface TriggerParts {
    /** A device attribute named by {@code device} and {@code attribute}, with what it accepts. */
    record Watched(AttributeRef ref, AttributeSpec spec) {
    }

    Optional<Watched> watched(YamlMap m);

    Optional<DeviceSpec> device(YamlMap m);

    Optional<Value> value(YamlMap m, String key, AttributeSpec spec);

    /** Whether the watched attribute is a number (a problem if not). */
    boolean numeric(YamlMap m, Watched w);

    /** Whether {@code above} and {@code below} make a range something can be in (a problem if not). */
    boolean rangeOk(YamlMap m, OptionalDouble above, OptionalDouble below);

    Optional<LocalTime> time(YamlMap m, String key);

    Set<DayOfWeek> weekdays(YamlMap m);

    /** A duration that may be negative ({@code -30m}), for sun offsets. */
    Optional<Duration> signedDuration(YamlMap m, String key);
}
