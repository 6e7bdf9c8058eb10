package dev.hearth.sim.discovery;

import dev.hearth.sim.device.DeviceKind;
import java.util.List;

/**
 * One attribute a device exposes, as Zigbee2MQTT describes it: its type, whether it can be set, its
 * unit, and its values (on/off for binaries, options for enums). Both announcement formats derive from it.
 */
record Exposure(String attribute, Type type, boolean settable, String unit, List<Object> values, List<Double> range) {
    enum Type { BINARY, NUMERIC, ENUM }

    static Exposure binary(String attribute, Object on, Object off, boolean settable) {
        return new Exposure(attribute, Type.BINARY, settable, "", List.of(on, off), List.of());
    }

    static Exposure numeric(String attribute, String unit, boolean settable) {
        return new Exposure(attribute, Type.NUMERIC, settable, unit, List.of(), List.of());
    }

    /** A settable number with Zigbee2MQTT's {@code value_min}, {@code value_max} and {@code value_step}. */
    static Exposure number(String attribute, String unit, double min, double max, double step) {
        return new Exposure(attribute, Type.NUMERIC, true, unit, List.of(), List.of(min, max, step));
    }

    static Exposure options(String attribute, boolean settable, String... options) {
        return new Exposure(attribute, Type.ENUM, settable, "", List.of((Object[]) options), List.of());
    }

    /** What each simulated model publishes (and accepts), matching the models in {@code dev.hearth.sim.device}. */
    static List<Exposure> of(DeviceKind kind) {
        return switch (kind) {
            case MOTION -> List.of(binary("occupancy", true, false, false), numeric("battery", "%", false),
                    numeric("linkquality", "lqi", false));
            case CONTACT -> List.of(binary("contact", true, false, false), numeric("battery", "%", false));
            case TEMPERATURE -> List.of(numeric("temperature", "°C", false), numeric("humidity", "%", false),
                    numeric("battery", "%", false));
            case ILLUMINANCE -> List.of(numeric("illuminance", "lx", false), numeric("battery", "%", false));
            case LIGHT -> List.of(binary("state", "ON", "OFF", true), number("brightness", "", 0, 254, 1),
                    number("color_temp", "mired", 250, 454, 1));
            case PLUG -> List.of(binary("state", "ON", "OFF", true), numeric("power", "W", false),
                    numeric("energy", "kWh", false));
            case THERMOSTAT -> List.of(numeric("local_temperature", "°C", false),
                    number("occupied_heating_setpoint", "°C", 5, 30, 0.5), options("system_mode", true, "off", "heat"),
                    options("running_state", false, "idle", "heat"));
        };
    }
}
