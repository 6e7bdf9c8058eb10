package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code id:} on triggers: {@code trigger.id} in templates, {@code condition: trigger} and {@code choose}. */
class TriggerIdTest {
    private static final String ARRIVE_OR_LEAVE = """
            automations:
              - id: hall
                mode: queued
                triggers:
                  - { trigger: state, device: pir, attribute: occupancy, to: true, id: arrived }
                  - { trigger: state, device: pir, attribute: occupancy, to: false, for: 2m, id: left }
                actions:
                  - log: "fired by ${trigger.id}"
                  - choose:
                      - conditions: [ { condition: trigger, id: arrived } ]
                        actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                      - conditions: [ { condition: trigger, id: [left] } ]
                        actions: [ { command: { device: lamp, set: { state: "OFF" } } } ]
            """;

    @Test
    void theTriggerIdChoosesTheBranch() {
        // given
        EngineHarness home = new EngineHarness().load(ARRIVE_OR_LEAVE);
        home.set("pir", "occupancy", false);
        // when
        home.set("pir", "occupancy", true);
        home.set("pir", "occupancy", false);
        home.advance(java.time.Duration.ofMinutes(2));
        // then
        assertThat(home.commandTexts()).containsExactly("lamp {state=ON}", "lamp {state=OFF}");
        assertThat(home.runs).extracting(r -> r.trigger()).containsExactly(
                "state pir.occupancy to true [id arrived]", "state pir.occupancy to false for 2m [id left]");
        assertThat(home.runs.get(0).steps().get(0).action()).isEqualTo("log fired by arrived");
        assertThat(home.runs.get(1).details()).anyMatch(d -> d.contains("failed: and(failed: trigger id in [arrived] (was left))"));
    }

    @Test
    void aTriggerWithoutIdIsKnownByItsPosition() {
        // given
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: numbered
                    triggers:
                      - { trigger: state, device: pir, attribute: occupancy, to: true }
                      - { trigger: state, device: window, attribute: contact, to: false }
                    conditions: [ { condition: trigger, id: "1" } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """);
        home.set("pir", "occupancy", false);
        home.set("window", "contact", true);
        // when
        home.set("pir", "occupancy", true);
        home.set("window", "contact", false);
        // then
        assertThat(home.outcomes()).extracting(Enum::name).containsExactly("CONDITION_FAILED", "RAN");
    }

    @Test
    void anUnknownTriggerIdIsReportedWhereItIsWritten() {
        // given
        Problems problems = new Problems();
        // when
        new AutomationLoader(EngineHarness.DEVICES).parse("a.yaml", ARRIVE_OR_LEAVE.replace("id: arrived } ]", "id: arived } ]")
                .replace("id: [left]", "id: [left, unused_never]"), problems);
        // then
        assertThat(problems.list()).extracting(ConfigProblem::toString).containsExactly(
                "a.yaml:10:53: no trigger of this automation has id 'arived' (did you mean 'arrived'?); its triggers' ids: arrived, left",
                "a.yaml:12:60: no trigger of this automation has id 'unused_never'; its triggers' ids: arrived, left");
    }

    @Test
    void aTriggerIdMustBeAName() {
        Problems problems = new Problems();
        new AutomationLoader(EngineHarness.DEVICES).parse("a.yaml", """
                automations:
                  - id: bad
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true, id: "two words" } ]
                    actions: [ { log: x } ]
                """, problems);
        assertThat(problems.list()).extracting(ConfigProblem::toString).containsExactly(
                "a.yaml:3:84: a trigger id is 1 to 64 letters, digits, '_', '-' or '.', got 'two words'");
    }

    @Test
    void everyTriggerOfAnAutomationHasAnId() {
        List<String> ids = EngineHarness.parse(ARRIVE_OR_LEAVE).get(0).triggerIds();
        assertThat(ids).containsExactly("arrived", "left");
    }
}
