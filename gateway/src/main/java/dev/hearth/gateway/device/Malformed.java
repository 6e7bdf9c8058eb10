package dev.hearth.gateway.device;

import java.util.Locale;

/** Why an incoming payload was not (wholly) applied. Each is counted separately. */
public enum Malformed {
    OVERSIZE, BAD_JSON, NOT_AN_OBJECT, WRONG_TYPE, BAD_AVAILABILITY, UNKNOWN_TOPIC,
    /** A discovery document (Zigbee2MQTT's bridge/devices, a Home Assistant config) that could not be read: known devices stay. */
    BAD_DISCOVERY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
