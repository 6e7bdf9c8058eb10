package dev.hearth.gateway.time;

import java.time.ZoneId;

/** Where the home is: sun times are computed offline from this, and schedules use its time zone. */
public record Location(double latitude, double longitude, ZoneId timeZone) {
}
