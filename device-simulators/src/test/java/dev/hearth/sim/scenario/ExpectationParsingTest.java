package dev.hearth.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Expectations in a scenario: what they read as, and every mistake reported at its file:line:column. */
class ExpectationParsingTest {
    private static final String HOME = """
            start: "18:00"
            end: "19:00"
            date: 2026-11-20
            rooms:
              hallway:
                devices:
                  hallway_motion: {kind: motion, topic: z/hallway_motion}
                  hallway_light: {kind: light, topic: z/hallway_light}
                  living_thermostat: {kind: thermostat, topic: z/living_thermostat}
                  living_temperature: {kind: temperature, topic: z/living_temperature}
            timeline:
            """;

    private static Scenario parse(String timeline) {
        return ScenarioLoader.parse(HOME + timeline, "s.yaml");
    }

    @Test
    void anExpectationNamesDeviceAttributeValueAndDeadline() {
        Scenario s = parse("""
                  - at: "18:02"
                    device: hallway_motion
                    action: detect
                    expect:
                      - {device: hallway_light, is: "ON", within: 1s}
                      - {device: living_temperature, attribute: temperature, above: 19.5, within: 10m}
                  - at: "18:30"
                    expect:
                      - {device: living_thermostat, is: idle, within: 10m}
                      - {device: hallway_light, is: "OFF", for: 20m}
                """);
        assertThat(s.date()).contains(LocalDate.of(2026, 11, 20));
        assertThat(s.expectations()).extracting(Expectation::toString).containsExactly(
                "hallway_light.state is ON within 1s",
                "living_temperature.temperature above 19.5 within 10m",
                "living_thermostat.running_state is idle within 10m",
                "hallway_light.state is OFF for 20m");
        assertThat(s.expectations().get(3).stays()).isTrue();
        Expectation light = s.expectations().get(0);
        assertThat(light.where()).isEqualTo("s.yaml:16:9");
        assertThat(light.within()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.timeline().get(1).device()).isEmpty();
        assertThat(s.timeline().get(1).toString()).isEqualTo("18:30 check");
    }

    @Test
    void valuesCompareAsAPersonReadsThem() {
        assertThat(new Expectation.Is("ON").matches("ON")).isTrue();
        assertThat(new Expectation.Is("ON").matches("OFF")).isFalse();
        assertThat(new Expectation.Is("true").matches(true)).isTrue();
        assertThat(new Expectation.Is("True").matches(true)).isTrue();
        assertThat(new Expectation.Is("21").matches(21.0)).isTrue();
        assertThat(new Expectation.Is("21").matches(21.5)).isFalse();
        assertThat(new Expectation.Above(19.5).matches(19.5)).isFalse();
        assertThat(new Expectation.Above(19.5).matches(19.6)).isTrue();
        assertThat(new Expectation.Below(19.5).matches("19")).isFalse();
    }

    @Test
    void reportsPrintDurationsAsTheyAreWritten() {
        assertThat(Scenario.describe(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(Scenario.describe(Duration.ofMillis(2498))).isEqualTo("2.498s");
        assertThat(Scenario.describe(Duration.ZERO)).isEqualTo("0s");
        assertThat(Scenario.describe(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Scenario.describe(Duration.ofMillis(1_081_275))).isEqualTo("18m1s");
        assertThat(Scenario.describe(Duration.ofMinutes(90))).isEqualTo("1h30m");
    }

    @Test
    void mistakesInExpectationsCarryFileLineAndColumn() {
        assertThatThrownBy(() -> parse("""
                  - at: "18:02"
                    expect:
                      - {device: hallway_light, attribute: colour, is: red, within: 1s}
                """)).isInstanceOf(ScenarioException.class)
                .hasMessage("s.yaml:14:44: a light has no attribute 'colour' (it has: state, brightness, color_temp)");
        assertThatThrownBy(() -> parse("""
                  - at: "18:02"
                    expect:
                      - {device: hallway_light, above: 3, within: 1s}
                """)).hasMessage("s.yaml:14:33: 'above' needs a numeric attribute; state is not one");
        assertThatThrownBy(() -> parse("""
                  - at: "18:02"
                    expect:
                      - {device: hallway_light, is: "ON", below: 3, within: 1s}
                """)).hasMessage("s.yaml:14:9: an expectation needs exactly one of 'is', 'above' or 'below'");
        assertThatThrownBy(() -> parse("""
                  - at: "18:50"
                    expect:
                      - {device: hallway_light, is: "ON", within: 20m}
                """)).hasMessage("s.yaml:14:51: the scenario ends at 19:00, before 18:50 + 20m");
        assertThatThrownBy(() -> parse("""
                  - at: "18:02"
                    expect:
                      - {device: hallway_lamp, is: "ON", within: 1s}
                """)).hasMessage("s.yaml:14:18: unknown device 'hallway_lamp'");
        assertThatThrownBy(() -> parse("""
                  - at: "18:02"
                    expect:
                      - {device: hallway_light, is: "ON"}
                """)).hasMessage("s.yaml:14:9: an expectation needs either 'within' (becomes true) or 'for' (stays true)");
        assertThatThrownBy(() -> parse("""
                  - at: "18:02"
                    expect:
                      - {device: hallway_light, is: "ON", within: 1s, for: 1m}
                """)).hasMessage("s.yaml:14:9: an expectation needs either 'within' (becomes true) or 'for' (stays true)");
        assertThatThrownBy(() -> parse("""
                  - at: "18:02"
                    note: nothing happens
                """)).hasMessageStartingWith("s.yaml:12:5: missing key 'device'");
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME.replace("2026-11-20", "20.11.2026").replace("timeline:", "timeline: []"), "d.yaml"))
                .hasMessage("d.yaml:3:7: expected a date like 2026-11-20, got '20.11.2026'");
    }
}
