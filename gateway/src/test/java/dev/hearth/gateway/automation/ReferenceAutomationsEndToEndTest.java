package dev.hearth.gateway.automation;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.load.AutomationReload;
import dev.hearth.gateway.automation.trace.AutomationRuns;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.support.RepositoryHome;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.sim.device.ContactSensor;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.IlluminanceSensor;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.device.SimulatedDevice;
import dev.hearth.sim.device.TemperatureSensor;
import dev.hearth.sim.device.Thermostat;
import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.net.FreePort;
import dev.hearth.sim.time.AcceleratedTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two reference examples exactly as shipped in automations/ (with config/devices.yaml), through the embedded
 * broker with simulated devices, on a clock running 60 (hallway) or 150 (heating) times faster: 2 minutes pass in 2 seconds.
 */
class ReferenceAutomationsEndToEndTest {
    private static final double HALLWAY_PACE = 60;
    private static final double HEATING_PACE = 150;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<AutomationRun> traces = new CopyOnWriteArrayList<>();
    private final List<AutomationReload> reloads = new CopyOnWriteArrayList<>();
    private String brokerUrl;
    private Path automations;

    /** Starts the repository's home at {@code at}, its clock running {@code pace} times faster, on a free port. */
    private Gateway start(Instant at, double pace) throws Exception {
        int port = FreePort.loopback();
        brokerUrl = "tcp://127.0.0.1:" + port;
        Path config = RepositoryHome.copy(dir, port);
        automations = dir.resolve("automations");
        GatewayConfig cfg = new ConfigLoader(Map.of()).load(config);
        AcceleratedTime time = new AcceleratedTime(at, pace, System::nanoTime);
        Gateway gateway = Gateway.start(cfg, new AutomationLoader(cfg.devices()).loadDirectory(cfg.automationsDir()),
                new GatewayTime(time.clock(BERLIN), time.acceleration()));
        toClose.add(gateway);
        gateway.vertx().eventBus().<AutomationRuns>consumer(Addresses.AUTOMATION_RUN, m -> traces.addAll(m.body().runs()));
        gateway.vertx().eventBus().<AutomationReload>consumer(Addresses.AUTOMATION_RELOADED, m -> reloads.add(m.body()));
        assertThat(gateway.awaitConnected(Duration.ofSeconds(20))).isTrue();
        return gateway;
    }

    private <T extends SimulatedDevice> T device(T d) {
        toClose.add(d::shutdown);
        d.start();
        assertThat(d.client().awaitConnected(Duration.ofSeconds(10))).isTrue();
        return d;
    }

    private SimClient client(String name) {
        return new SimClient(brokerUrl, "test-" + name);
    }

    private static DeviceTopics z2m(String id) {
        return DeviceTopics.zigbee2mqtt("zigbee2mqtt/" + id);
    }

    private AutomationRun awaitTrace(String automation, AutomationRun.Outcome outcome) {
        await().atMost(Duration.ofSeconds(15)).until(() -> traces.stream()
                .anyMatch(t -> t.automation().equals(automation) && t.outcome() == outcome));
        return traces.stream().filter(t -> t.automation().equals(automation) && t.outcome() == outcome).reduce((a, b) -> b).orElseThrow();
    }

    private static void awaitValue(Gateway gateway, String device, String attribute, String value) {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.registry().state(new dev.hearth.gateway.device.DeviceId(device))
                .flatMap(s -> s.value(attribute)).map(Object::toString).filter(value::equals).isPresent());
    }

    @AfterEach
    void stopAll() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void motionLightsTheDarkHallwayAndItGoesOffTwoMinutesAfterTheLastMotion() throws Exception {
        Gateway gateway = start(Instant.parse("2026-11-20T11:00:00Z"), HALLWAY_PACE); // noon: the sun is up, only the lux level can make it dark
        MotionSensor motion = device(new MotionSensor(client("motion"), z2m("hallway_motion")).holdTime(Duration.ofDays(1)));
        Light light = device(new Light(client("light"), z2m("hallway_light")));
        IlluminanceSensor lux = device(new IlluminanceSensor(client("lux"), z2m("hallway_lux")));

        lux.report(500);
        awaitValue(gateway, "hallway_lux", "illuminance", "500");
        motion.detect();
        AutomationRun bright = awaitTrace("hallway_light_on_motion", AutomationRun.Outcome.CONDITION_FAILED);
        assertThat(bright.details().get(0)).contains("hallway_lux.illuminance below 30.0 (was 500)");
        assertThat(light.state()).isEqualTo("OFF");

        motion.clear();
        lux.report(12);
        awaitValue(gateway, "hallway_lux", "illuminance", "12");
        motion.detect();
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
        assertThat(light.brightness()).isEqualTo(200);

        motion.clear();
        Thread.sleep(1000); // one simulated minute of quiet, then someone passes again
        motion.detect();
        motion.clear();
        awaitTrace("hallway_light_off_after_quiet", AutomationRun.Outcome.FOR_INTERRUPTED);
        Thread.sleep(1500); // the first quiet period's two minutes are over, the second's are not
        assertThat(light.state()).isEqualTo("ON");
        await().atMost(Duration.ofSeconds(10)).until(() -> "OFF".equals(light.state()));

        // Hot reload: a broken edit is reported with its position, and the previous version keeps running.
        Path file = automations.resolve("hallway.yaml");
        String original = Files.readString(file);
        Files.writeString(file, original.replace("light: hallway_light", "light: hallway_lamp"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !reloads.isEmpty());
        assertThat(reloads.get(0).applied()).isFalse();
        assertThat(reloads.get(0).problems()).singleElement().asString().matches(".*hallway\\.yaml:\\d+:\\d+: unknown device 'hallway_lamp'.*");
        motion.detect();
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
        motion.clear();

        Files.writeString(file, original.replace("brightness: 200", "brightness: 50"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reloads.size() == 2);
        assertThat(reloads.get(1).applied()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> "OFF".equals(light.state()));
        motion.detect();
        await().atMost(Duration.ofSeconds(10)).until(() -> light.brightness() == 50);
    }

    @Test
    void thermostatHysteresisWindowPauseMinimumCycleAndFailSafe() throws Exception {
        start(Instant.parse("2026-11-20T17:00:00Z"), HEATING_PACE);
        Thermostat thermostat = device(new Thermostat(client("thermostat"), z2m("living_thermostat")));
        ContactSensor window = device(new ContactSensor(client("window"), z2m("living_window")));
        TemperatureSensor temperature = device(new TemperatureSensor(client("temperature"), z2m("living_temperature")));
        window.close();
        temperature.report(20.5, 50);
        Thread.sleep(300);

        temperature.report(19.5, 50); // below 20.0 for a minute → heat, once the boiler has been off 5 minutes
        await().atMost(Duration.ofSeconds(20)).until(() -> "heat".equals(thermostat.systemMode()));

        window.open(); // pauses heating after 30 s
        await().atMost(Duration.ofSeconds(10)).until(() -> "off".equals(thermostat.systemMode()));
        window.close(); // closed for a minute and still cold → heat again, but not before 5 minutes off
        long pausedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).until(() -> "heat".equals(thermostat.systemMode()));
        assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).as("minimum off time of 5 simulated minutes")
                .isGreaterThanOrEqualTo(Duration.ofMillis((long) (4.5 * 60_000 / HEATING_PACE)));

        temperature.report(21.5, 50); // above 21.0 → off, once the boiler has run 5 minutes
        await().atMost(Duration.ofSeconds(20)).until(() -> "off".equals(thermostat.systemMode()));
        temperature.report(19.0, 50);
        await().atMost(Duration.ofSeconds(20)).until(() -> "heat".equals(thermostat.systemMode()));

        SimClient z2m = client("bridge");
        toClose.add(z2m::close);
        z2m.start();
        assertThat(z2m.awaitConnected(Duration.ofSeconds(10))).isTrue();
        z2m.publish("zigbee2mqtt/living_temperature/availability", "offline", 1, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> "off".equals(thermostat.systemMode()));
        assertThat(awaitTrace("living_heat_failsafe", AutomationRun.Outcome.RAN).trigger()).contains("availability living_temperature offline");
    }
}
