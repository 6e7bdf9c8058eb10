package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.trace.AutomationRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Conditions (time windows, sun, expressions) and every action, observed through commands and traces. */
class ConditionsAndActionsTest {

    @Test
    void aTimeWindowCrossingMidnightBelongsToTheDayItStarted() {
        EngineHarness home = new EngineHarness(Instant.parse("2026-06-05T21:00:00Z"), ZoneId.of("UTC")).load("""
                automations:
                  - id: friday_night
                    triggers: [ { trigger: interval, every: 1h } ]
                    conditions: [ { condition: time, after: "22:00", before: "02:00", weekdays: [fri] } ]
                    actions: [ { log: "late" } ]
                """);
        home.advance(Duration.ofHours(8)); // Fri 22:00 … Sat 05:00
        assertThat(home.runs).extracting(r -> r.at().toString() + " " + r.outcome()).containsExactly(
                "2026-06-05T22:00:00Z RAN", "2026-06-05T23:00:00Z RAN", "2026-06-06T00:00:00Z RAN", "2026-06-06T01:00:00Z RAN",
                "2026-06-06T02:00:00Z CONDITION_FAILED", "2026-06-06T03:00:00Z CONDITION_FAILED",
                "2026-06-06T04:00:00Z CONDITION_FAILED", "2026-06-06T05:00:00Z CONDITION_FAILED");
        assertThat(home.runs.get(4).details().get(0)).contains("(was 02:00 sat)");
    }

    @Test
    void sunConditionOrLuxExpressionDecidesAndTheTraceShowsWhatWasSeen() {
        String yaml = """
                automations:
                  - id: dark
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    conditions:
                      - condition: or
                        conditions:
                          - { condition: sun, after: sunset, before: sunrise }
                          - { condition: expr, expr: "lux.illuminance < 30" }
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """;
        EngineHarness noon = new EngineHarness(Instant.parse("2026-06-01T10:00:00Z"), ZoneId.of("Europe/Berlin")).load(yaml);
        noon.set("lux", "illuminance", 500);
        noon.set("pir", "occupancy", false);
        noon.set("pir", "occupancy", true);
        noon.set("lux", "illuminance", 12);
        noon.set("pir", "occupancy", false);
        noon.set("pir", "occupancy", true);
        assertThat(noon.outcomes()).containsExactly(AutomationRun.Outcome.CONDITION_FAILED, AutomationRun.Outcome.RAN);
        assertThat(noon.runs.get(0).details().get(0)).contains("failed: expr lux.illuminance < 30 (was false)").contains("sunset 21:");

        EngineHarness night = new EngineHarness(Instant.parse("2026-06-01T22:00:00Z"), ZoneId.of("Europe/Berlin")).load(yaml);
        night.set("pir", "occupancy", false);
        night.set("pir", "occupancy", true);
        assertThat(night.outcomes()).containsExactly(AutomationRun.Outcome.RAN);
    }

    @Test
    void variablesKeepTheTypesTheyWereWrittenWith() {
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: dim
                    variables: { level: 50.0, steps: 2, on: true, room: "hall", code: "50" }
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions:
                      - command: { device: lamp, set: { brightness: "${level * 2.0}" } }
                      - if: [ { condition: expr, expr: "level == 50.0" } ]
                        then: [ { command: { device: lamp, set: { state: "ON" } } } ]
                        else: [ { command: { device: lamp, set: { state: "OFF" } } } ]
                      - if: [ { condition: expr, expr: "steps * 2 == 4 && on && room + '!' == 'hall!' && code == '50'" } ]
                        then: [ { log: typed } ]
                """);
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        assertThat(home.lastRun().outcome()).as(home.lastRun().toString()).isEqualTo(AutomationRun.Outcome.RAN);
        assertThat(home.commandTexts()).containsExactly("lamp {brightness=100}", "lamp {state=ON}");
        assertThat(home.lastRun().steps()).extracting(AutomationRun.Step::action).contains("log typed");
    }

    @Test
    void delayWaitIfChooseRepeatSceneLogAndStop() {
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: sequence
                    variables: { level: "${thermo.temperature * 10.0}" }
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions:
                      - command: { device: lamp, set: { brightness: "${level}" } }
                      - delay: 1m
                      - wait: { condition: { condition: state, device: window, attribute: contact, is: true }, timeout: 2m, continue_on_timeout: true }
                      - if: [ { condition: expr, expr: "wait_timed_out" } ]
                        then: [ { command: { device: lamp, set: { state: "OFF" } } } ]
                        else: [ { command: { device: lamp, set: { state: "ON" } } } ]
                      - choose:
                          - conditions: [ { condition: numeric, device: thermo, attribute: temperature, above: 30 } ]
                            actions: [ { log: hot } ]
                        default: [ { scene: [ { device: heater, set: { system_mode: heat } }, { device: lamp, set: { color_temp: 300 } } ] } ]
                      - repeat: { count: 3, actions: [ { publish: { topic: "t/count", payload: "x" } } ] }
                      - stop: done
                      - log: never reached
                """);
        home.set("thermo", "temperature", 12);
        home.set("window", "contact", false);
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        assertThat(home.commandTexts()).containsExactly("lamp {brightness=120}");
        home.advance(Duration.ofMinutes(1));
        home.advance(Duration.ofMinutes(1));
        home.set("window", "contact", true);
        assertThat(home.commandTexts()).containsExactly("lamp {brightness=120}", "lamp {state=ON}",
                "heater {system_mode=heat}", "lamp {color_temp=300}");
        assertThat(home.publications).hasSize(3);
        AutomationRun run = home.lastRun();
        assertThat(run.outcome()).isEqualTo(AutomationRun.Outcome.STOPPED);
        assertThat(run.steps()).extracting(AutomationRun.Step::action).containsExactly(
                "command lamp {brightness=120}", "delay 1m", "wait for condition (timeout 2m)", "command lamp {state=ON}",
                "command heater {system_mode=heat}", "command lamp {color_temp=300}", "publish t/count", "publish t/count",
                "publish t/count", "repeat 3 times", "stop: done");
        assertThat(run.steps().get(1).millis()).isEqualTo(60_000);
        assertThat(run.steps().get(2).millis()).isEqualTo(60_000);
    }

    @Test
    void waitForATriggerTimesOutAndStopsUnlessToldToContinue() {
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: strict
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions:
                      - wait: { trigger: { trigger: state, device: window, attribute: contact, to: false }, timeout: 30s }
                      - command: { device: lamp, set: { state: "ON" } }
                """);
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        home.advance(Duration.ofSeconds(31));
        assertThat(home.commands).isEmpty();
        assertThat(home.lastRun().outcome()).isEqualTo(AutomationRun.Outcome.STOPPED);
        assertThat(home.lastRun().steps()).extracting(AutomationRun.Step::outcome).containsExactly("timed out");

        home.set("window", "contact", true);
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        home.set("window", "contact", false);
        assertThat(home.commandTexts()).containsExactly("lamp {state=ON}");
    }

    @Test
    void enableDisableAndRepeatUntilAndAnExpressionErrorFailsTheRun() {
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: controller
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions:
                      - disable: target
                      - repeat: { until: [ { condition: expr, expr: "lamp.brightness > 3.0" } ], actions: [ { delay: 1s } ] }
                      - enable: target
                  - id: target
                    triggers: [ { trigger: state, device: window, attribute: contact, to: true } ]
                    actions: [ { command: { device: lamp, set: { brightness: "${lux.illuminance}" } } } ]
                """);
        home.set("window", "contact", false);
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        home.set("window", "contact", true);
        assertThat(home.commands).isEmpty();
        home.set("lamp", "brightness", 10);
        home.advance(Duration.ofSeconds(2));
        assertThat(home.engine.list()).allSatisfy(i -> assertThat(i.enabled()).isTrue());
        home.set("window", "contact", false);
        home.set("window", "contact", true);
        assertThat(home.lastRun().outcome()).isEqualTo(AutomationRun.Outcome.FAILED);
        assertThat(home.lastRun().steps().get(0).outcome()).contains("failed: brightness").contains("illuminance");
    }
}
