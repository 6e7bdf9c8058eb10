package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.SimClient;
import java.util.Map;

/** Light level sensor in lux (a Xiaomi GZCGQ01LM). */
public final class IlluminanceSensor extends SimulatedDevice {
    public IlluminanceSensor(SimClient client, DeviceTopics topics) {
        super(client, topics, Map.of("illuminance", 0.0, "battery", 100.0));
    }

    public void report(double lux) {
        update(Map.of("illuminance", (double) Math.round(Math.max(0, lux))));
    }

    public double illuminance() {
        return number("illuminance");
    }
}
