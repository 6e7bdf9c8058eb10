package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** What a condition or expression may look at while a run is evaluated. */
public interface Facts {
    Optional<Value> value(DeviceId device, String attribute);

    /** When the attribute last changed value (kept across restarts). */
    Optional<Instant> lastChanged(DeviceId device, String attribute);

    Instant now();

    ZoneId zone();

    SunClock sun();

    /** Devices, {@code trigger} and the run's variables, as CEL sees them. */
    Expr.Variables variables();
}
