package dev.hearth.gateway.support;

import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.yaml.ConfigException;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.device.SimulatedDevice;
import dev.hearth.sim.mqtt.SimClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small home for integration tests: writes real configuration files, starts the real gateway against
 * a real broker, and plays its devices with the simulators. Closing it stops everything it started.
 */
public final class TestHome implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public static final String DEVICES = """
            devices:
              - id: hallway_motion
                kind: motion_sensor
                room: hallway
                state_topic: zigbee2mqtt/hallway_motion
              - id: hallway_light
                kind: light
                room: hallway
                state_topic: zigbee2mqtt/hallway_light
              - id: living_temperature
                kind: temperature_sensor
                state_topic: zigbee2mqtt/living_temperature
              - id: kitchen_plug
                kind: switch
                format: value_per_topic
                state_topic: homie/kitchen_plug
            """;

    public static final String HALLWAY_AUTOMATIONS = """
            automations:
              - id: hallway_on
                triggers:
                  - trigger: state
                    device: hallway_motion
                    attribute: occupancy
                    to: true
                actions:
                  - command: { device: hallway_light, set: { state: "ON" } }
              - id: hallway_off
                triggers:
                  - trigger: state
                    device: hallway_motion
                    attribute: occupancy
                    to: false
                actions:
                  - command: { device: hallway_light, set: { state: "OFF" } }
            """;

    private final Path dir;
    private final String brokerUrl;
    private final Gateway gateway;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private TestHome(Path dir, String brokerUrl, Gateway gateway) {
        this.dir = dir;
        this.brokerUrl = brokerUrl;
        this.gateway = gateway;
    }

    /** The gateway section for an external broker at {@code url}. */
    public static String externalBroker(String url, String keepAlive) {
        return """
                gateway:
                  id: test%d
                  data_dir: data
                  automations_dir: automations
                  max_payload_bytes: 4096
                http:
                  port: 0
                mqtt:
                  url: %s
                  keep_alive: %s
                  session_expiry: 5m
                  connect_timeout: 2s
                  reconnect: { min: 50ms, max: 500ms }
                """.formatted(SEQUENCE.incrementAndGet(), url, keepAlive);
    }

    /** The gateway section for the embedded HiveMQ broker on {@code port}. */
    public static String embeddedBroker(int port) {
        return """
                gateway:
                  id: test%d
                  data_dir: data
                  automations_dir: automations
                mqtt:
                  embedded: true
                  reconnect: { min: 50ms, max: 500ms }
                http:
                  port: 0
                broker:
                  bind: 127.0.0.1
                  port: %d
                """.formatted(SEQUENCE.incrementAndGet(), port);
    }

    public static TestHome start(Path dir, String gatewayYaml, String brokerUrl) {
        return start(dir, gatewayYaml, DEVICES, HALLWAY_AUTOMATIONS, brokerUrl);
    }

    public static TestHome start(Path dir, String gatewayYaml, String devicesYaml, String automationsYaml, String brokerUrl) {
        GatewayConfig config = writeAndLoad(dir, gatewayYaml, devicesYaml, automationsYaml);
        try {
            Gateway gateway = Gateway.start(config, config.automationLoader().loadDirectory(config.automationsDir()));
            return new TestHome(dir, brokerUrl, gateway);
        } catch (ConfigException e) {
            throw new AssertionError("test automations are invalid: " + e.getMessage(), e);
        }
    }

    public static GatewayConfig writeAndLoad(Path dir, String gatewayYaml, String devicesYaml, String automationsYaml) {
        try {
            Files.createDirectories(dir.resolve("automations"));
            Files.writeString(dir.resolve("gateway.yaml"), gatewayYaml);
            Files.writeString(dir.resolve("devices.yaml"), devicesYaml);
            Files.writeString(dir.resolve("automations/test.yaml"), automationsYaml);
            return new ConfigLoader(Map.of()).load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new AssertionError("test configuration is invalid: " + e.getMessage(), e);
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    public Path dir() {
        return dir;
    }

    public TestHome awaitConnected() {
        assertThat(gateway.awaitConnected(Duration.ofSeconds(20))).as("gateway connected to %s", brokerUrl).isTrue();
        return this;
    }

    /** Motion turns the simulated light on, no motion turns it off, and the gateway saw both. */
    public void assertMotionSwitchesLight() {
        Light light = light();
        List<String> commands = new CopyOnWriteArrayList<>();
        connectedClient("watcher").subscribe("zigbee2mqtt/hallway_light/set",
                (t, p) -> commands.add(new String(p, StandardCharsets.UTF_8)));
        MotionSensor motion = motionSensor();
        awaitKnown("hallway_motion", "occupancy");

        motion.detect();
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
        assertThat(commands).anySatisfy(c -> assertThat(c).contains("\"state\":\"ON\""));

        motion.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> "OFF".equals(light.state()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                gateway.registry().state(new DeviceId("hallway_light")).flatMap(s -> s.value("state")).map(Object::toString))
                .contains("OFF"));
    }

    /** The gateway has seen the device's first report, so the next change is a real transition. */
    public void awaitKnown(String device, String attribute) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                gateway.registry().state(new DeviceId(device)).flatMap(s -> s.value(attribute)).isPresent());
    }

    /** A started simulated device on the test broker, stopped when the home closes. */
    public MotionSensor motionSensor() {
        return started(new MotionSensor(client("hallway_motion"), DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_motion"))
                .holdTime(Duration.ofHours(1)));
    }

    public Light light() {
        return started(new Light(client("hallway_light"), DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_light")));
    }

    /** A plain client on the test broker, e.g. to watch command topics or publish raw payloads. */
    public SimClient client(String name) {
        SimClient c = new SimClient(brokerUrl, "t" + SEQUENCE.incrementAndGet() + "-" + name);
        toClose.add(c);
        return c;
    }

    public SimClient connectedClient(String name) {
        SimClient c = client(name);
        c.start();
        assertThat(c.awaitConnected(Duration.ofSeconds(10))).as("test client connected").isTrue();
        return c;
    }

    /** Starts a simulated device on the test broker; it is stopped when the home closes. */
    public <T extends SimulatedDevice> T started(T device) {
        toClose.add(device::shutdown);
        device.start();
        assertThat(device.client().awaitConnected(Duration.ofSeconds(10))).as("simulated device connected").isTrue();
        return device;
    }

    @Override
    public void close() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        gateway.close();
    }
}
