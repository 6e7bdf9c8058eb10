package dev.hearth.gateway.device;

import dev.hearth.gateway.bus.LocalMessage;

/** What the registry reports after applying a message. */
public sealed interface DeviceEvent extends LocalMessage permits StateChanged, AvailabilityChanged, EventReported {
    DeviceId device();
}
