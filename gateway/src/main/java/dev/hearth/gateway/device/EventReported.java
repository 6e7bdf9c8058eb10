package dev.hearth.gateway.device;

import java.time.Instant;

/**
 * A device reported an occurrence on an event attribute ({@code action: single} of a button): every report is one,
 * the first after a start and the same one twice too. Not state: nothing is kept or restored.
 */
public record EventReported(DeviceId device, String attribute, String event, Instant at) implements DeviceEvent {
}
