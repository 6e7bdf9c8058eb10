package dev.hearth.gateway.discovery.homeassistant;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Home Assistant MQTT components Hearth turns into device attributes (or, for triggers, events). */
public enum HaComponent {
    BINARY_SENSOR, SENSOR, SWITCH, LIGHT, CLIMATE, COVER, LOCK, FAN, NUMBER, SELECT, BUTTON, DEVICE_AUTOMATION;

    public String topicName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HaComponent> byTopicName(String name) {
        return Arrays.stream(values()).filter(c -> c.topicName().equals(name)).findFirst();
    }
}
