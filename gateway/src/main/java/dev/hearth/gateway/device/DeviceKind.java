package dev.hearth.gateway.device;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.hearth.gateway.device.AttributeSpec.bool;
import static dev.hearth.gateway.device.AttributeSpec.number;
import static dev.hearth.gateway.device.AttributeSpec.options;

/**
 * The device kinds Hearth knows, with the attributes each reports (names as Zigbee2MQTT uses them).
 * A device may declare more attributes in devices.yaml; {@code generic} has only declared ones.
 */
public enum DeviceKind {
    MOTION_SENSOR(bool("occupancy"), battery(), linkQuality()),
    CONTACT_SENSOR(bool("contact"), battery(), linkQuality()),
    TEMPERATURE_SENSOR(number("temperature", "°C", -60, 100), number("humidity", "%", 0, 100), battery(), linkQuality()),
    ILLUMINANCE_SENSOR(number("illuminance", "lx", 0, 200_000), battery(), linkQuality()),
    LIGHT(options("state", "ON", "OFF").settable(), number("brightness", "", 0, 254).settable(),
            number("color_temp", "mired", 150, 500).settable(), number("transition", "s", 0, 3600).writeOnly(), linkQuality()),
    SWITCH(options("state", "ON", "OFF").settable(), number("power", "W", 0, 100_000),
            number("energy", "kWh", 0, 1e9), linkQuality()),
    THERMOSTAT(number("local_temperature", "°C", -60, 100), number("occupied_heating_setpoint", "°C", 5, 35).settable(),
            options("system_mode", "off", "heat", "auto").settable(), options("running_state", "idle", "heat"), battery()),
    GENERIC(),
    /** A helper from helpers.yaml: a value Hearth keeps itself (its attributes come from its type). */
    HELPER(),
    /** A person from people.yaml, where their phone says they are. */
    PERSON(),
    /** Everyone in people.yaml together: home while anyone is. */
    PEOPLE();

    private final Map<String, AttributeSpec> attributes;

    DeviceKind(AttributeSpec... attributes) {
        Map<String, AttributeSpec> map = new LinkedHashMap<>();
        for (AttributeSpec a : attributes) map.put(a.name(), a);
        this.attributes = Map.copyOf(map);
    }

    public Map<String, AttributeSpec> attributes() {
        return attributes;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether Hearth keeps the state itself, with no MQTT device behind it (helpers, persons). */
    public boolean local() {
        return this == HELPER || this == PERSON || this == PEOPLE;
    }

    /** A kind a device in devices.yaml may have (the local ones come from their own files). */
    public static Optional<DeviceKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> !k.local() && k.yamlName().equals(name)).findFirst();
    }

    /** Built once: every device read asks for them (they name the choices in a problem). */
    private static final List<String> NAMES = Arrays.stream(values()).filter(k -> !k.local()).map(DeviceKind::yamlName).toList();

    public static List<String> names() {
        return NAMES;
    }

    private static AttributeSpec battery() {
        return number("battery", "%", 0, 100);
    }

    private static AttributeSpec linkQuality() {
        return number("linkquality", "lqi", 0, 255);
    }
}
