package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.time.SimTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Smart plug (a Tuya TS011F with power monitoring): switchable, draws a configured load while on and meters energy in kWh. */
public final class Plug extends SimulatedDevice {
    private volatile SimTime time = SimTime.system();
    private volatile double loadWatts = 60.0;
    private Instant lastMetered;

    public Plug(SimClient client, DeviceTopics topics) {
        super(client, topics, Map.of("state", "OFF", "power", 0.0, "energy", 0.0));
    }

    public synchronized Plug useTime(SimTime simTime) {
        this.time = simTime;
        this.lastMetered = simTime.now();
        return this;
    }

    public synchronized Plug load(double watts) {
        this.loadWatts = watts;
        return this;
    }

    public synchronized void turn(boolean on) {
        update(Map.of("state", on ? "ON" : "OFF", "power", on ? loadWatts : 0.0, "energy", meter()));
    }

    /** Publishes power and the energy accumulated up to now, like a periodic meter report. */
    public synchronized void report() {
        update(Map.of("power", isOn() ? loadWatts : 0.0, "energy", meter()));
    }

    public boolean isOn() {
        return "ON".equals(get("state"));
    }

    public double power() {
        return number("power");
    }

    public double energy() {
        return number("energy");
    }

    @Override
    protected boolean acceptsCommands() {
        return true;
    }

    @Override
    protected void handleCommand(Map<String, Object> command) {
        Attributes.upper(command.get("state")).ifPresent(requested -> {
            switch (requested) {
                case "ON" -> turn(true);
                case "OFF" -> turn(false);
                case "TOGGLE" -> turn(!isOn());
                default -> { } // ignored like an unknown Zigbee value
            }
        });
    }

    /** Energy used up to now at the power drawn since the last reading; called before every change of power. */
    private double meter() {
        Instant now = time.now();
        double kwh = energy();
        if (lastMetered != null) {
            double hours = Duration.between(lastMetered, now).toNanos() / 3.6e12;
            kwh += power() * hours / 1000.0;
        }
        lastMetered = now;
        return Math.round(kwh * 10_000) / 10_000.0;
    }
}
