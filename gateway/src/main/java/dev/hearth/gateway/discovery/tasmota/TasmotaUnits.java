package dev.hearth.gateway.discovery.tasmota;

import java.util.Map;

/**
 * The unit of a Tasmota sensor value by its key, as Home Assistant's Tasmota integration assigns them
 * (emontnemery/hatasmota, hatasmota/sensor.py); temperature, pressure and speed follow the document's
 * {@code TempUnit}, {@code PressureUnit} and {@code SpeedUnit}.
 */
final class TasmotaUnits {
    private static final Map<String, String> BY_KEY = Map.ofEntries(
            Map.entry("ApparentPower", "VA"), Map.entry("Battery", "%"), Map.entry("CarbonDioxide", "ppm"),
            Map.entry("Current", "A"), Map.entry("Distance", "cm"), Map.entry("eCO2", "ppm"), Map.entry("Frequency", "Hz"),
            Map.entry("Humidity", "%"), Map.entry("Illuminance", "lx"), Map.entry("Moisture", "%"),
            Map.entry("PM1", "µg/m³"), Map.entry("PM2.5", "µg/m³"), Map.entry("PM10", "µg/m³"), Map.entry("Power", "W"),
            Map.entry("ReactivePower", "VAr"), Map.entry("Today", "kWh"), Map.entry("Total", "kWh"), Map.entry("TVOC", "ppb"),
            Map.entry("Voltage", "V"), Map.entry("Weight", "kg"), Map.entry("Yesterday", "kWh"), Map.entry("Energy", "kWh"));

    private TasmotaUnits() {
    }

    /** The unit for {@code key} (such as {@code Temperature1}: trailing digits are an index), or "". */
    static String of(String key, Map<String, Object> document) {
        String base = key.replaceAll("\\d+$", "");
        return switch (base) {
            case "Temperature", "DewPoint" -> "°" + document.getOrDefault("TempUnit", "C");
            case "Pressure", "SeaPressure" -> String.valueOf(document.getOrDefault("PressureUnit", "hPa"));
            case "Speed" -> String.valueOf(document.getOrDefault("SpeedUnit", "km/h"));
            default -> BY_KEY.getOrDefault(base, "");
        };
    }
}
