package dev.hearth.gateway;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Motion turns the light on and off through a real broker: the embedded HiveMQ CE, and Mosquitto. */
class MotionLightEndToEndTest {

    @Test
    void motionTurnsLightOnAndOffThroughEmbeddedHiveMq(@TempDir Path dir) {
        int port = FreePort.loopback();
        try (TestHome home = TestHome.start(dir, TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port).awaitConnected()) {
            motionSwitchesLight(home);
        }
    }

    @Test
    void motionTurnsLightOnAndOffThroughMosquitto(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), broker.url()).awaitConnected()) {
            motionSwitchesLight(home);
        }
    }

    @Test
    void commandsAreNeverRetainedSoTheyCannotReplayOnReconnect(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), broker.url()).awaitConnected()) {
            List<String> live = new CopyOnWriteArrayList<>();
            home.connectedClient("watcher").subscribe("zigbee2mqtt/hallway_light/set",
                    (t, p) -> live.add(new String(p, StandardCharsets.UTF_8)));
            MotionSensor motion = home.motionSensor();
            awaitKnown(home, "hallway_motion", "occupancy");
            motion.detect();
            await().atMost(Duration.ofSeconds(10)).until(() -> !live.isEmpty());

            List<String> replayed = new CopyOnWriteArrayList<>();
            home.connectedClient("late-subscriber").subscribe("zigbee2mqtt/hallway_light/set",
                    (t, p) -> replayed.add(new String(p, StandardCharsets.UTF_8)));
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(replayed::isEmpty);
        }
    }

    static void motionSwitchesLight(TestHome home) {
        Light light = home.light();
        List<String> commands = new CopyOnWriteArrayList<>();
        SimClient watcher = home.connectedClient("watcher");
        watcher.subscribe("zigbee2mqtt/hallway_light/set", (t, p) -> commands.add(new String(p, StandardCharsets.UTF_8)));
        MotionSensor motion = home.motionSensor();
        awaitKnown(home, "hallway_motion", "occupancy");

        motion.detect();
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
        assertThat(commands).anySatisfy(c -> assertThat(c).contains("\"state\":\"ON\""));

        motion.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> "OFF".equals(light.state()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(home.gateway().registry().state(new dev.hearth.gateway.device.DeviceId("hallway_light"))
                        .flatMap(s -> s.value("state")).map(Object::toString)).contains("OFF"));
    }

    /** The gateway has seen the device's first report, so the next change is a real transition. */
    static void awaitKnown(TestHome home, String device, String attribute) {
        await().atMost(Duration.ofSeconds(10)).until(() -> home.gateway().registry()
                .state(new dev.hearth.gateway.device.DeviceId(device)).flatMap(s -> s.value(attribute)).isPresent());
    }
}
