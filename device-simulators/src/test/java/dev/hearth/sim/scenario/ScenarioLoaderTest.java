package dev.hearth.sim.scenario;

import dev.hearth.sim.device.Action;
import dev.hearth.sim.device.DeviceKind;
import dev.hearth.sim.device.DeviceSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.sim.device.Convention;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
    private static final String HOME = """
            start: "18:00"
            end: "19:00"
            acceleration: 60
            rooms:
              hallway:
                devices:
                  hallway_motion: {kind: motion, topic: zigbee2mqtt/hallway_motion, hold: 30s}
                  plug: {kind: plug, convention: value_per_topic, topic: homie/plug}
            """;

    @Test
    void loadsTheShippedEveningScenario() {
        Scenario evening = ScenarioLoader.load(Path.of("scenarios/evening.yaml"));
        Scenario builtIn = ScenarioLoader.builtIn("evening");
        assertThat(builtIn.timeline()).isEqualTo(evening.timeline());
        assertThat(builtIn.expectations()).isEqualTo(evening.expectations());
        assertThat(evening.name()).isEqualTo("evening");
        assertThat(evening.devices()).extracting(d -> d.topics().base()).containsExactlyInAnyOrder(
                "zigbee2mqtt/hallway_motion", "zigbee2mqtt/hallway_light", "zigbee2mqtt/hallway_lux",
                "zigbee2mqtt/living_temperature", "zigbee2mqtt/living_thermostat", "zigbee2mqtt/living_window",
                "homie/kitchen_plug");
        assertThat(evening.timeline()).first().extracting(TimelineEvent::at).isEqualTo(LocalTime.of(17, 56));
        assertThat(evening.expectations()).isNotEmpty();
        assertThat(evening.timeline()).anyMatch(e -> e.at().equals(LocalTime.of(22, 0)) && e.action().equals(java.util.Optional.of(Action.OPEN)));
        assertThat(evening.length()).isEqualTo(Duration.ofMinutes(305));
    }

    @Test
    void readsDevicesWithDefaults() {
        Scenario s = ScenarioLoader.parse(HOME, "home.yaml");
        DeviceSpec motion = s.device("hallway_motion").orElseThrow();
        assertThat(motion.kind()).isEqualTo(DeviceKind.MOTION);
        assertThat(motion.topics().convention()).isEqualTo(Convention.ZIGBEE2MQTT);
        assertThat(motion.hold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.device("plug").orElseThrow().topics().convention()).isEqualTo(Convention.VALUE_PER_TOPIC);
        assertThat(s.rooms().get(0).initialTemperature()).isEqualTo(20.0);
        assertThat(s.realLength()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void unknownDeviceInTheTimelineIsReportedWithItsPosition() {
        String yaml = HOME + """
                timeline:
                  - at: "18:02"
                    device: halway_motion
                    action: detect
                """;
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "scenarios/evening.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("scenarios/evening.yaml:11:13: unknown device 'halway_motion'");
    }

    @Test
    void duplicateKeysAreRejected() {
        String yaml = HOME.replace("acceleration: 60", "acceleration: 60\nacceleration: 30");
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "dup.yaml"))
                .hasMessageStartingWith("dup.yaml:4:1: duplicate key 'acceleration' (first at dup.yaml:3:1)");
    }

    @Test
    void actionMustFitTheDeviceKind() {
        String yaml = HOME + """
                timeline:
                  - {at: "18:05", device: plug, action: detect}
                """;
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "s.yaml"))
                .hasMessage("s.yaml:10:41: a plug cannot 'detect' (it can: on, off)");
    }

    @Test
    void otherMistakesCarryFileLineAndColumn() {
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME.replace("kind: motion", "kind: radar"), "k.yaml"))
                .hasMessageStartingWith("k.yaml:7:30: unknown device kind 'radar'");
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME.replace("\"19:00\"", "\"25:00\""), "t.yaml"))
                .hasMessageStartingWith("t.yaml:2:6: expected a time of day");
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME.replace("30s", "soon"), "d.yaml"))
                .hasMessageStartingWith("d.yaml:7:79: expected a duration");
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME + "colour: red\n", "u.yaml"))
                .hasMessageStartingWith("u.yaml:9:1: unknown key 'colour'");
        assertThatThrownBy(() -> ScenarioLoader.parse("start: [unclosed", "y.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("y.yaml:");
        assertThatThrownBy(() -> ScenarioLoader.load(Path.of("scenarios/nope.yaml")))
                .hasMessage("scenarios/nope.yaml: no such file");
        assertThatThrownBy(() -> ScenarioLoader.builtIn("nope")).hasMessage("no built-in scenario 'nope'");
    }
}
