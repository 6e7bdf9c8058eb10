package dev.hearth.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.Probe;
import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.time.ManualTime;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DevicesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static MosquittoBroker broker;
    private DeviceHarness devices;
    private Probe probe;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void setUp() {
        devices = new DeviceHarness();
        probe = Probe.on(broker.url(), "#");
    }

    @AfterEach
    void tearDown() {
        devices.close();
        probe.close();
    }

    private <D extends SimulatedDevice> D device(DeviceTopics topics, BiFunction<SimClient, DeviceTopics, D> f) {
        D device = devices.start(broker.url(), topics, f);
        await().atMost(TIMEOUT).until(() -> topics.onlinePayload().equals(probe.lastOn(topics.availabilityTopic())));
        return device;
    }

    private JsonObject lastJson(String topic) {
        String payload = probe.lastOn(topic);
        return payload == null ? new JsonObject() : new JsonObject(payload);
    }

    private void command(String topic, String payload) {
        probe.client().publish(topic, payload);
    }

    @Test
    void lightEchoesItsNewStateAfterACommand() {
        var topics = DeviceTopics.zigbee2mqtt("zigbee2mqtt/hall/light");
        Light light = device(topics, Light::new);
        await().atMost(TIMEOUT).until(() -> "OFF".equals(lastJson(topics.stateTopic()).getString("state")));

        command(topics.commandTopic("state"), "{\"state\":\"ON\",\"brightness\":100,\"color_temp\":900}");

        await().atMost(TIMEOUT).until(() -> "ON".equals(lastJson(topics.stateTopic()).getString("state")));
        assertThat(lastJson(topics.stateTopic()).getInteger("brightness")).isEqualTo(100);
        assertThat(lastJson(topics.stateTopic()).getInteger("color_temp")).isEqualTo(500);
        assertThat(light.state()).isEqualTo("ON");
        assertThat(light.brightness()).isEqualTo(100);
        assertThat(light.commandsReceived()).isEqualTo(1);
    }

    @Test
    void lightAnswersAReadRequestWithItsStateForAControllerThatMissedItsReport() {
        var topics = DeviceTopics.zigbee2mqtt("zigbee2mqtt/study/light");
        device(topics, Light::new);
        await().atMost(TIMEOUT).until(() -> "OFF".equals(lastJson(topics.stateTopic()).getString("state")));
        command(topics.commandTopic("state"), "{\"state\":\"ON\",\"brightness\":120}");
        await().atMost(TIMEOUT).until(() -> "ON".equals(lastJson(topics.stateTopic()).getString("state")));

        try (Probe late = Probe.on(broker.url(), topics.stateTopic())) {
            assertThat(topics.readTopic()).contains("zigbee2mqtt/study/light/get");
            late.client().publish(topics.readTopic().orElseThrow(), "{\"brightness\":\"\",\"state\":\"\"}");

            await().atMost(TIMEOUT).until(() -> late.lastOn(topics.stateTopic()) != null);
            JsonObject answer = new JsonObject(late.lastOn(topics.stateTopic()));
            assertThat(answer.getString("state")).isEqualTo("ON");
            assertThat(answer.getInteger("brightness")).isEqualTo(120);
        }
    }

    @Test
    void lightThatIgnoresCommandsDoesNotAnswer() {
        var topics = DeviceTopics.zigbee2mqtt("zigbee2mqtt/ignoring_light");
        Light light = device(topics, Light::new).ignoreCommands(true);
        var seen = new ConcurrentLinkedQueue<java.util.Map<String, Object>>();
        light.onCommand(seen::add);

        command(topics.commandTopic("state"), "{\"state\":\"ON\"}");
        await().atMost(TIMEOUT).until(() -> light.commandsReceived() == 1);
        light.ignoreCommands(false);
        command(topics.commandTopic("brightness"), "{\"brightness\":10}");

        await().atMost(TIMEOUT).until(() -> lastJson(topics.stateTopic()).getInteger("brightness") == 10);
        assertThat(probe.payloadsOn(topics.stateTopic())).noneMatch(p -> p.contains("\"ON\""));
        assertThat(light.state()).isEqualTo("OFF");
        assertThat(seen).containsExactly(java.util.Map.of("state", "ON"), java.util.Map.of("brightness", 10));
    }

    @Test
    void lightAnswersAfterItsResponseDelay() {
        var topics = DeviceTopics.valuePerTopic("homie/slow_light");
        Light light = device(topics, Light::new).responseDelay(Duration.ofMillis(400));
        long sent = System.nanoTime();
        command(topics.commandTopic("state"), "ON");
        await().atMost(TIMEOUT).until(() -> "ON".equals(probe.lastOn(topics.attributeTopic("state"))));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(light.state()).isEqualTo("ON");
    }

    @Test
    void motionClearsAfterTheHoldTimeAndRedetectionExtendsIt() {
        var topics = DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_motion");
        MotionSensor motion = device(topics, MotionSensor::new).holdTime(Duration.ofMillis(600));
        long first = System.nanoTime();
        motion.detect();
        await().atMost(TIMEOUT).until(() -> lastJson(topics.stateTopic()).getBoolean("occupancy"));
        await().pollDelay(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> true);
        motion.detect();
        await().atMost(TIMEOUT).until(() -> !lastJson(topics.stateTopic()).getBoolean("occupancy"));
        assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(motion.occupancy()).isFalse();
        assertThat(lastJson(topics.stateTopic()).getInteger("battery")).isEqualTo(100);
    }

    @Test
    void motionClearForcesFalse() {
        var topics = DeviceTopics.valuePerTopic("homie/motion");
        MotionSensor motion = device(topics, MotionSensor::new);
        motion.detect();
        await().atMost(TIMEOUT).until(() -> "true".equals(probe.lastOn(topics.attributeTopic("occupancy"))));
        motion.clear();
        await().atMost(TIMEOUT).until(() -> "false".equals(probe.lastOn(topics.attributeTopic("occupancy"))));
    }

    @Test
    void thermostatRunningStateFollowsSetpointAndMode() {
        var topics = DeviceTopics.zigbee2mqtt("zigbee2mqtt/living_thermostat");
        Thermostat thermostat = device(topics, Thermostat::new);
        thermostat.setLocalTemperature(19.0);
        command(topics.commandTopic("x"), "{\"system_mode\":\"heat\",\"current_heating_setpoint\":21.5}");
        await().atMost(TIMEOUT).until(() -> "heat".equals(lastJson(topics.stateTopic()).getString("running_state")));
        assertThat(lastJson(topics.stateTopic()).getDouble("current_heating_setpoint")).isEqualTo(21.5);

        thermostat.setLocalTemperature(22.0);
        await().atMost(TIMEOUT).until(() -> "idle".equals(lastJson(topics.stateTopic()).getString("running_state")));

        thermostat.setLocalTemperature(20.0);
        await().atMost(TIMEOUT).until(() -> thermostat.isHeating());
        command(topics.commandTopic("x"), "{\"system_mode\":\"off\"}");
        await().atMost(TIMEOUT).until(() -> "off".equals(lastJson(topics.stateTopic()).getString("system_mode")));
        assertThat(lastJson(topics.stateTopic()).getString("running_state")).isEqualTo("idle");
    }

    @Test
    void plugDrawsItsLoadWhileOnAndMetersEnergy() {
        var time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
        var topics = DeviceTopics.valuePerTopic("homie/kitchen_plug");
        Plug plug = device(topics, Plug::new).useTime(time).load(100);
        command(topics.commandTopic("state"), "ON");
        await().atMost(TIMEOUT).until(() -> "100".equals(probe.lastOn(topics.attributeTopic("power"))));

        time.advance(Duration.ofHours(1));
        plug.report();
        await().atMost(TIMEOUT).until(() -> "0.1".equals(probe.lastOn(topics.attributeTopic("energy"))));

        command(topics.commandTopic("state"), "OFF");
        await().atMost(TIMEOUT).until(() -> "0".equals(probe.lastOn(topics.attributeTopic("power"))));
        time.advance(Duration.ofHours(1));
        plug.report();
        assertThat(plug.energy()).isEqualTo(0.1);
        assertThat(plug.isOn()).isFalse();
    }

    @Test
    void sensorsReportTheirReadings() {
        var temp = DeviceTopics.zigbee2mqtt("zigbee2mqtt/living_temperature");
        var contact = DeviceTopics.zigbee2mqtt("zigbee2mqtt/living_window");
        var lux = DeviceTopics.valuePerTopic("homie/hallway_lux");
        device(temp, TemperatureSensor::new).report(21.54, 40.04);
        ContactSensor window = device(contact, ContactSensor::new);
        device(lux, IlluminanceSensor::new).report(312.4);
        window.open();

        await().atMost(TIMEOUT).until(() -> lastJson(temp.stateTopic()).getDouble("temperature") == 21.5);
        assertThat(lastJson(temp.stateTopic()).getDouble("humidity")).isEqualTo(40.0);
        await().atMost(TIMEOUT).until(() -> Boolean.FALSE.equals(lastJson(contact.stateTopic()).getBoolean("contact")));
        await().atMost(TIMEOUT).until(() -> "312".equals(probe.lastOn(lux.attributeTopic("illuminance"))));
        window.close();
        await().atMost(TIMEOUT).until(() -> lastJson(contact.stateTopic()).getBoolean("contact"));
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void willMarksTheDeviceOfflineWhenItsLinkIsCut(Convention convention) {
        var topics = new DeviceTopics(convention, "will_test/" + convention.name().toLowerCase() + "/light");
        try (TcpProxy proxy = TcpProxy.to(broker.port())) {
            devices.start(proxy.url(), topics, Light::new);
            await().atMost(TIMEOUT).until(() -> topics.onlinePayload().equals(probe.lastOn(topics.availabilityTopic())));
            proxy.refuseConnections(true);
            proxy.sever();
            await().atMost(TIMEOUT).until(() -> topics.offlinePayload().equals(probe.lastOn(topics.availabilityTopic())));
            try (Probe late = Probe.on(broker.url(), topics.availabilityTopic())) {
                await().atMost(TIMEOUT).until(() -> List.of(topics.offlinePayload()).equals(late.payloadsOn(topics.availabilityTopic())));
            }
            proxy.refuseConnections(false);
            await().atMost(TIMEOUT).until(() -> topics.onlinePayload().equals(probe.lastOn(topics.availabilityTopic())));
        }
    }
}
