package dev.hearth.gateway.automation;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
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

/**
 * Through a real broker (the embedded HiveMQ CE) and simulated Zigbee2MQTT lights: a command to a room's lights reaches
 * each light of that room once and nothing else; a group trigger with {@code match: all} fires when the last member
 * goes off, and a group condition reads every member.
 */
class RoomAndGroupTargetsEndToEndTest {
    private static final String DEVICES = """
            devices:
              - { id: hallway_motion, kind: motion_sensor, room: hallway, state_topic: zigbee2mqtt/hallway_motion }
              - { id: lamp_1, kind: light, room: living_room, state_topic: zigbee2mqtt/lamp_1 }
              - { id: lamp_2, kind: light, room: living_room, state_topic: zigbee2mqtt/lamp_2 }
              - { id: tv_plug, kind: switch, room: living_room, state_topic: zigbee2mqtt/tv_plug }
              - { id: hall_lamp, kind: light, room: hallway, state_topic: zigbee2mqtt/hall_lamp }
            groups:
              living_lights: [lamp_1, lamp_2]
            """;
    private static final String AUTOMATIONS = """
            automations:
              - id: living_lights_on
                triggers: [ { trigger: state, device: hallway_motion, attribute: occupancy, to: true } ]
                conditions: [ { condition: state, device: living_lights, attribute: state, is: "OFF" } ]
                actions:
                  - command: { room: living_room, kind: light, set: { state: "ON", brightness: 120 } }
              - id: living_dark
                triggers: [ { trigger: state, device: living_lights, attribute: state, to: "OFF", match: all } ]
                actions:
                  - publish: { topic: home/living_dark, payload: "${trigger.device}" }
            """;

    @Test
    void aRoomCommandReachesEveryLightOfTheRoomOnceAndAGroupTriggerWaitsForTheLastMember(@TempDir Path dir) {
        int port = FreePort.loopback();
        try (TestHome home = TestHome.start(dir, TestHome.embeddedBroker(port), DEVICES, AUTOMATIONS, "tcp://127.0.0.1:" + port)
                .awaitConnected()) {
            List<String> sent = new CopyOnWriteArrayList<>();
            home.connectedClient("watcher").subscribe("zigbee2mqtt/+/set", (t, p) -> sent.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            List<String> dark = new CopyOnWriteArrayList<>();
            home.connectedClient("dark").subscribe("home/living_dark", (t, p) -> dark.add(new String(p, StandardCharsets.UTF_8)));
            Light lamp1 = light(home, "lamp_1");
            Light lamp2 = light(home, "lamp_2");
            Light hall = light(home, "hall_lamp");
            MotionSensor motion = home.motionSensor();
            home.awaitKnown("hallway_motion", "occupancy");
            home.awaitKnown("lamp_1", "state");
            home.awaitKnown("lamp_2", "state");

            motion.detect();
            await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(lamp1.state()) && "ON".equals(lamp2.state()));
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> sent.size() == 2);
            assertThat(sent).extracting(s -> s.substring(0, s.indexOf(' ')))
                    .containsExactlyInAnyOrder("zigbee2mqtt/lamp_1/set", "zigbee2mqtt/lamp_2/set");
            assertThat(sent).allSatisfy(s -> assertThat(s).contains("\"state\":\"ON\"").contains("\"brightness\":120"));
            assertThat(lamp1.brightness()).isEqualTo(120);
            assertThat(hall.commandsReceived()).isZero();

            lamp1.switchLocally(false);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(home.gateway().registry()
                    .state(new dev.hearth.gateway.device.DeviceId("lamp_1")).flatMap(s -> s.value("state")).map(Object::toString)).contains("OFF"));
            assertThat(dark).as("lamp_2 is still on").isEmpty();
            lamp2.switchLocally(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !dark.isEmpty());
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> dark.size() == 1);
            assertThat(dark).containsExactly("lamp_2");
        }
    }

    private static Light light(TestHome home, String id) {
        return home.started(new Light(home.client(id), DeviceTopics.zigbee2mqtt("zigbee2mqtt/" + id)));
    }
}
