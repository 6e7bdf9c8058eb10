package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.SimClient;
import java.util.Map;

/** Door/window contact (an Aqara MCCGQ11LM); {@code contact=true} means closed, as Zigbee2MQTT reports it. */
public final class ContactSensor extends SimulatedDevice {
    public ContactSensor(SimClient client, DeviceTopics topics) {
        super(client, topics, Map.of("contact", true, "battery", 100.0));
    }

    public void open() {
        update(Map.of("contact", false));
    }

    public void close() {
        update(Map.of("contact", true));
    }

    public boolean isClosed() {
        return Boolean.TRUE.equals(get("contact"));
    }
}
