package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.SimClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Creates devices for a test and shuts all of them down afterwards. */
final class DeviceHarness implements AutoCloseable {
    private final List<SimulatedDevice> devices = new ArrayList<>();
    private int next;

    <D extends SimulatedDevice> D start(String url, DeviceTopics topics,
                                        BiFunction<SimClient, DeviceTopics, D> factory) {
        D device = factory.apply(new SimClient(url, "dev-" + (next++) + "-" + System.nanoTime()), topics);
        devices.add(device);
        device.start();
        return device;
    }

    @Override
    public void close() {
        devices.forEach(SimulatedDevice::shutdown);
    }
}
