package dev.hearth.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sim.broker.MosquittoBroker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expectations checked against what the simulated devices actually report. With no gateway on the
 * broker, nothing answers the motion sensor: the light expectation must fail, and say why.
 */
class ScenarioVerifyTest {
    private static final String SCENARIO = """
            scenario: check
            start: "18:00"
            end: "19:00"
            acceleration: 1200
            rooms:
              hallway:
                devices:
                  hallway_motion: {kind: motion, topic: v/hallway_motion, hold: 5m}
                  hallway_light: {kind: light, topic: v/hallway_light}
              living:
                temperature: 18
                heater: 6
                window_factor: 40
                devices:
                  living_temperature: {kind: temperature, topic: v/living_temperature}
                  living_thermostat: {kind: thermostat, topic: v/living_thermostat}
                  living_window: {kind: contact, topic: v/living_window}
            timeline:
              - at: "18:00"
                device: living_thermostat
                action: heat
                expect:
                  - {device: living_temperature, above: 18.5, within: 20m}
              - {at: "18:00", device: living_thermostat, action: setpoint, value: 22}
              - at: "18:10"
                device: hallway_motion
                action: detect
                expect:
                  - {device: hallway_motion, is: true, within: 1s}
                  - {device: hallway_light, is: "ON", within: 1s}
                  - {device: hallway_light, is: "OFF", for: 5m}
                  - {device: hallway_motion, is: false, for: 1m}
              - at: "18:14"
                expect:
                  - {device: hallway_motion, is: false, within: 2m}
              - at: "18:30"
                device: living_window
                action: open
                expect:
                  - {device: living_temperature, below: 10, within: 5m}
            """;

    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void reportsEveryExpectationAndWhyTheUnmetOnesFailed() throws Exception {
        Scenario scenario = ScenarioLoader.parse(SCENARIO, "check.yaml");
        try (ScenarioRunner runner = new ScenarioRunner(scenario, broker.url())) {
            runner.start(Duration.ofSeconds(10));
            assertThat(runner.awaitEnd(Duration.ofSeconds(20))).isTrue();
            VerificationReport report = runner.report();

            assertThat(report.passed()).isFalse();
            assertThat(report.failures()).isEqualTo(3);
            List<String> lines = report.results().stream().map(ExpectationResult::describe).toList();
            assertThat(lines).anyMatch(l -> l.startsWith("PASS  18:00  living_temperature.temperature above 18.5 within 20m (after ") && !l.contains("(after 0s)"));
            assertThat(lines).anyMatch(l -> l.startsWith("PASS  18:10  hallway_motion.occupancy is true within 1s (after 0s)"));
            assertThat(lines).anyMatch(l -> l.startsWith("PASS  18:14  hallway_motion.occupancy is false within 2m"));
            assertThat(lines).contains("FAIL  18:10  hallway_light.state is ON within 1s: still OFF after 1s  [check.yaml:30:9]");
            assertThat(lines).anyMatch(l -> l.startsWith("FAIL  18:30  living_temperature.temperature below 10 within 5m: still 1")
                    && l.endsWith("[check.yaml:40:9]"));
            assertThat(lines).contains("PASS  18:10  hallway_light.state is OFF for 5m",
                    "FAIL  18:10  hallway_motion.occupancy is false for 1m: was true after 0s  [check.yaml:32:9]");
            assertThat(report.describe()).startsWith("scenario check: 7 expectations, 3 failed\n");
        }
    }
}
