package dev.hearth.gateway.device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.hearth.gateway.device.AttributeSpec.bool;
import static dev.hearth.gateway.device.AttributeSpec.event;
import static dev.hearth.gateway.device.AttributeSpec.number;
import static dev.hearth.gateway.device.AttributeSpec.options;

/**
 * The device kinds Hearth knows, with the attributes each reports (names as Zigbee2MQTT uses them): shortcuts for
 * hand-written devices, which may declare more attributes or map these differently in devices.yaml; {@code generic}
 * has only declared ones. A kind also tells the dashboard how to show a device.
 */
public enum DeviceKind {
    MOTION_SENSOR(bool("occupancy"), battery(), linkQuality()),
    CONTACT_SENSOR(bool("contact"), battery(), linkQuality()),
    TEMPERATURE_SENSOR(number("temperature", "°C", -60, 100), number("humidity", "%", 0, 100), battery(), linkQuality()),
    ILLUMINANCE_SENSOR(number("illuminance", "lx", 0, 200_000), battery(), linkQuality()),
    LIGHT(light(options("state", "ON", "OFF").settable(), number("brightness", "", 0, 254).settable().withStep(1),
            number("color_temp", "mired", 150, 500).settable().withStep(1), LightCommands.color(), linkQuality())),
    SWITCH(options("state", "ON", "OFF").settable(), number("power", "W", 0, 100_000),
            number("energy", "kWh", 0, 1e9), linkQuality()),
    THERMOSTAT(number("local_temperature", "°C", -60, 100), setpoint("occupied_heating_setpoint"),
            setpoint("current_heating_setpoint"), options("system_mode", "off", "heat", "auto").settable(),
            options("running_state", "idle", "heat"), battery()),
    /** Buttons and remotes: what they send are events ({@code action}), not state. */
    BUTTON(event("action"), battery(), linkQuality()),
    GENERIC(),
    /** A helper from helpers.yaml: a value Hearth keeps itself (its attributes come from its type). */
    HELPER(),
    /** A person from people.yaml, where their phone says they are. */
    PERSON(),
    /** Everyone in people.yaml together: home while anyone is. */
    PEOPLE();

    private final Map<String, AttributeSpec> attributes;

    DeviceKind(AttributeSpec... attributes) {
        this.attributes = Map.copyOf(AttributeSpec.byName(List.of(attributes)));
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

    /** A light's attributes and the command words they allow (colour, Kelvin, transition, steps). */
    private static AttributeSpec[] light(AttributeSpec... attributes) {
        List<AttributeSpec> all = new ArrayList<>(List.of(attributes));
        all.addAll(LightCommands.wordsFor(AttributeSpec.byName(all)));
        return all.toArray(AttributeSpec[]::new);
    }

    /** Thermostats take setpoints in half degrees and report them rounded so. */
    private static AttributeSpec setpoint(String name) {
        return number(name, "°C", 5, 35).settable().withStep(0.5);
    }

    private static AttributeSpec battery() {
        return number("battery", "%", 0, 100);
    }

    private static AttributeSpec linkQuality() {
        return number("linkquality", "lqi", 0, 255);
    }
}
