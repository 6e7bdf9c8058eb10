package dev.hearth.sim.scenario;

import dev.hearth.sim.device.Action;
import dev.hearth.sim.device.DeviceSpec;
import dev.hearth.sim.device.ContactSensor;
import dev.hearth.sim.device.IlluminanceSensor;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.device.Plug;
import dev.hearth.sim.device.SimulatedDevice;
import dev.hearth.sim.device.TemperatureSensor;
import dev.hearth.sim.device.Thermostat;
import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.time.SimTime;

/** Builds the device model a spec names, and applies timeline actions to it. */
final class DeviceFactory {
    private DeviceFactory() {
    }

    static SimulatedDevice create(DeviceSpec spec, String brokerUrl, SimTime time) {
        SimClient client = new SimClient(brokerUrl, "sim-" + spec.id());
        return switch (spec.kind()) {
            case MOTION -> new MotionSensor(client, spec.topics()).holdTime(time.realDelay(spec.hold()));
            case CONTACT -> new ContactSensor(client, spec.topics());
            case TEMPERATURE -> new TemperatureSensor(client, spec.topics());
            case ILLUMINANCE -> new IlluminanceSensor(client, spec.topics());
            case LIGHT -> new Light(client, spec.topics()).responseDelay(spec.responseDelay());
            case PLUG -> new Plug(client, spec.topics()).useTime(time);
            case THERMOSTAT -> new Thermostat(client, spec.topics());
        };
    }

    /** The loader has checked that the action fits the device kind. */
    static void apply(SimulatedDevice device, TimelineEvent event) {
        Action action = event.action().orElseThrow();
        switch (action) {
            case DETECT -> ((MotionSensor) device).detect();
            case CLEAR -> ((MotionSensor) device).clear();
            case OPEN -> ((ContactSensor) device).open();
            case CLOSE -> ((ContactSensor) device).close();
            case ON, OFF -> switchDevice(device, action == Action.ON);
            case HEAT -> ((Thermostat) device).setSystemMode("heat");
            case SETPOINT -> ((Thermostat) device).setSetpoint(event.value().orElseThrow());
        }
    }

    private static void switchDevice(SimulatedDevice device, boolean on) {
        if (device instanceof Light light) {
            light.switchLocally(on);
        } else if (device instanceof Plug plug) {
            plug.turn(on);
        } else if (device instanceof Thermostat thermostat && !on) {
            thermostat.setSystemMode("off");
        }
    }
}
