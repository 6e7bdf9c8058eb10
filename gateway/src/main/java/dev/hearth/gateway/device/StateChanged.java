package dev.hearth.gateway.device;


import java.time.Instant;
import java.util.Optional;

/** An attribute of a device took a new value. {@code previous} is empty the first time a value is seen. */
public record StateChanged(DeviceId device, String attribute, Optional<Value> previous, Value value, Instant at)
        implements DeviceEvent {
}
