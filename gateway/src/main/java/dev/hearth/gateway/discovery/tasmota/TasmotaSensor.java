package dev.hearth.gateway.discovery.tasmota;

import java.util.List;

/**
 * One value of a device's {@code tele/<t>/SENSOR} document, found in its discovery {@code sensors} document:
 * {@code path} leads to it ({@code ENERGY}, {@code Power}; a list element by its index), {@code attribute} is its
 * name in Hearth ({@code energy_power}), {@code numeric} whether the sample was a number, {@code unit} Tasmota's unit.
 */
public record TasmotaSensor(List<String> path, String attribute, boolean numeric, String unit) {
    public TasmotaSensor {
        path = List.copyOf(path);
    }
}
