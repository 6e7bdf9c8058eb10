package dev.hearth.gateway.device;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a device's MQTT payloads carry attributes. */
public enum PayloadFormat {
    /** Zigbee2MQTT style: one JSON object with all attributes on the state topic; commands as JSON on {@code <state>/set}. */
    JSON("json"),
    /** Homie/Tasmota style: one plain value per attribute on {@code <base>/<attribute>}; commands on {@code <base>/<attribute>/set}. */
    VALUE_PER_TOPIC("value_per_topic");

    private final String yamlName;

    PayloadFormat(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<PayloadFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.yamlName.equals(name)).findFirst();
    }

    /** Built once: every device read asks for them (they name the choices in a problem). */
    private static final List<String> NAMES = Arrays.stream(values()).map(PayloadFormat::yamlName).toList();

    public static List<String> names() {
        return NAMES;
    }
}
