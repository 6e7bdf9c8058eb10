package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.SimClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/** PIR sensor (an Aqara RTCGQ11LM): occupancy goes true on detection and clears after a hold time without detections. */
public final class MotionSensor extends SimulatedDevice {
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(60);

    private volatile Duration holdTime = DEFAULT_HOLD;
    private ScheduledFuture<?> pendingClear;

    public MotionSensor(SimClient client, DeviceTopics topics) {
        super(client, topics, Map.of("occupancy", false, "battery", 100.0));
    }

    public MotionSensor holdTime(Duration hold) {
        this.holdTime = hold;
        return this;
    }

    /** Occupancy true now; a detection during the hold time restarts it. */
    public synchronized void detect() {
        cancelClear();
        pendingClear = schedule(this::clear, holdTime);
        update(Map.of("occupancy", true));
    }

    public synchronized void clear() {
        cancelClear();
        update(Map.of("occupancy", false));
    }

    public boolean occupancy() {
        return Boolean.TRUE.equals(get("occupancy"));
    }

    public void setBattery(double percent) {
        update(Map.of("battery", percent));
    }

    private void cancelClear() {
        if (pendingClear != null) {
            pendingClear.cancel(false);
            pendingClear = null;
        }
    }
}
