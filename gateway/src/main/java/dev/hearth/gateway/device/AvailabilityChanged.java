package dev.hearth.gateway.device;


import java.time.Instant;

/** A device went online or offline (its availability topic or will message said so). */
public record AvailabilityChanged(DeviceId device, Availability previous, Availability current, Instant at)
        implements DeviceEvent {
}
