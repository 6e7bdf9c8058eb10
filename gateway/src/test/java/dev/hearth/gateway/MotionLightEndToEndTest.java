package dev.hearth.gateway;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** Motion turns the light on and off through a real broker: the embedded HiveMQ CE, and Mosquitto. */
class MotionLightEndToEndTest {

    @Test
    void motionTurnsLightOnAndOffThroughEmbeddedHiveMq(@TempDir Path dir) {
        int port = FreePort.loopback();
        try (TestHome home = TestHome.start(dir, TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port).awaitConnected()) {
            home.assertMotionSwitchesLight();
        }
    }

    @Test
    void motionTurnsLightOnAndOffThroughMosquitto(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), broker.url()).awaitConnected()) {
            home.assertMotionSwitchesLight();
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
            home.awaitKnown("hallway_motion", "occupancy");
            motion.detect();
            await().atMost(Duration.ofSeconds(10)).until(() -> !live.isEmpty());

            List<String> replayed = new CopyOnWriteArrayList<>();
            home.connectedClient("late-subscriber").subscribe("zigbee2mqtt/hallway_light/set",
                    (t, p) -> replayed.add(new String(p, StandardCharsets.UTF_8)));
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(replayed::isEmpty);
        }
    }
}
