package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.SimClient;
import java.util.Map;

/** Temperature (°C, one decimal) and humidity (%) sensor (a SONOFF SNZB-02). */
public final class TemperatureSensor extends SimulatedDevice {
    public TemperatureSensor(SimClient client, DeviceTopics topics) {
        super(client, topics, Map.of("temperature", 20.0, "humidity", 50.0, "battery", 100.0));
    }

    public void report(double temperature, double humidity) {
        update(Map.of("temperature", Attributes.oneDecimal(temperature),
                "humidity", Attributes.oneDecimal(humidity)));
    }

    public double temperature() {
        return number("temperature");
    }
}
