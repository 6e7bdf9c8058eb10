package dev.hearth.gateway.history;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.time.Instant;

/** One recorded value of one attribute. */
public record HistoryPoint(DeviceId device, String attribute, Instant at, Value value) {
}
