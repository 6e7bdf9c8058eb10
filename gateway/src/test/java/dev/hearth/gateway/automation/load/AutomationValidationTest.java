package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.run.EngineHarness;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mistake in an automation file is reported at once, each with file:line:column. */
class AutomationValidationTest {

    private static List<String> problems(String yaml) {
        Problems problems = new Problems();
        new AutomationLoader(EngineHarness.DEVICES).parse("a.yaml", yaml, problems);
        return problems.list().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void everyKindOfTriggerConditionAndActionIsAccepted() {
        List<Automation> all = EngineHarness.parse("""
                automations:
                  - id: everything
                    mode: queued
                    max: 3
                    on_missed: run
                    grace: 10m
                    variables: { target: "${thermo.temperature + 1.0}", label: hall }
                    triggers:
                      - { trigger: state, device: pir, attribute: occupancy, from: false, to: true, for: 5s, from_unavailable: true }
                      - { trigger: numeric, device: thermo, attribute: temperature, above: 10, below: 20, for: 1m }
                      - { trigger: time, at: "07:30", weekdays: [mon, fri] }
                      - { trigger: cron, cron: "*/5 * * * *" }
                      - { trigger: sun, event: sunset, offset: -30m }
                      - { trigger: interval, every: 1h30m }
                      - { trigger: mqtt, topic: "garden/+/button", payload: press }
                      - { trigger: availability, device: thermo, to: offline, for: 10m }
                      - { trigger: gateway, event: connection_restored }
                    conditions:
                      - { condition: state, device: window, attribute: contact, is: true }
                      - { condition: numeric, device: lux, attribute: illuminance, below: 30 }
                      - { condition: time, after: "22:00", before: "06:00", weekdays: [sat, sun] }
                      - { condition: sun, after: sunset, after_offset: -1h, before: sunrise }
                      - condition: or
                        conditions:
                          - { condition: not, conditions: [ { condition: expr, expr: "lux.illuminance > 100.0" } ] }
                          - { condition: and, conditions: [ { condition: expr, expr: "trigger.kind == 'state'" } ] }
                    actions:
                      - command: { device: lamp, set: { state: "ON", brightness: "${target * 2.0}" } }
                      - publish: { topic: "garden/lamp/set", payload: "on ${label}", qos: 0, retain: false }
                      - delay: 90s
                      - wait: { condition: { condition: state, device: pir, attribute: occupancy, is: false }, timeout: 5m, continue_on_timeout: true }
                      - wait: { trigger: { trigger: state, device: pir, attribute: occupancy, to: true } }
                      - if: [ { condition: expr, expr: "wait_timed_out" } ]
                        then: [ { log: "timed out" } ]
                        else: [ { log: "went on ${target}", level: warn } ]
                      - choose:
                          - conditions: [ { condition: state, device: lamp, attribute: state, is: "ON" } ]
                            actions: [ { stop: "already on" } ]
                        default: [ { disable: other } ]
                      - repeat: { count: 3, actions: [ { delay: 1s } ] }
                      - repeat: { while: [ { condition: expr, expr: "true" } ], actions: [ { stop: "once", error: true } ] }
                      - repeat: { until: [ { condition: expr, expr: "true" } ], actions: [ { enable: other } ] }
                      - scene: [ { device: lamp, set: { state: "OFF" } }, { device: heater, set: { system_mode: heat } } ]
                  - id: other
                    triggers: [ { trigger: gateway, event: started } ]
                    actions: [ { log: started } ]
                """);
        Automation a = all.get(0);
        assertThat(a.triggers()).hasSize(9);
        assertThat(a.conditions()).hasSize(5);
        assertThat(a.actions()).hasSize(11);
        assertThat(a.mode()).isEqualTo(new Automation.Mode(Automation.ModeKind.QUEUED, 3));
        assertThat(a.onMissed().run()).isTrue();
        assertThat(a.variables()).containsOnlyKeys("target", "label");
    }

    @Test
    void unknownDeviceAttributeAndCommandToASensorAreLocated() {
        assertThat(problems("""
                automations:
                  - id: bad
                    triggers: [ { trigger: state, device: pri, attribute: occupancy } ]
                    conditions: [ { condition: numeric, device: thermo, attribute: temprature, below: 3 } ]
                    actions:
                      - command: { device: thermo, set: { temperature: 20 } }
                """)).containsExactly(
                "a.yaml:3:43: unknown device 'pri'",
                "a.yaml:4:68: thermo (temperature_sensor) has no attribute 'temprature' (did you mean 'temperature'?); it has: battery, humidity, linkquality, temperature",
                "a.yaml:6:36: thermo is a temperature_sensor and accepts no commands");
    }

    @Test
    void badDurationsCronTimesAndWeekdaysAreLocated() {
        assertThat(problems("""
                automations:
                  - id: bad
                    triggers:
                      - { trigger: state, device: pir, attribute: occupancy, for: 10 minutes }
                      - { trigger: cron, cron: "61 * * * *" }
                      - { trigger: time, at: "25:00", weekdays: [mon, funday] }
                    actions: [ { delay: soon } ]
                """)).satisfiesExactly(
                p -> assertThat(p).startsWith("a.yaml:4:67: 'for' must be a duration"),
                p -> assertThat(p).startsWith("a.yaml:5:32: bad cron expression '61 * * * *'"),
                p -> assertThat(p).startsWith("a.yaml:6:30: 'at' must be a time of day"),
                p -> assertThat(p).startsWith("a.yaml:6:49: unknown weekday 'funday'"),
                p -> assertThat(p).startsWith("a.yaml:7:25: 'delay' must be a duration"));
    }

    @Test
    void expressionsThatDoNotCompileOrNameUnknownThingsAreLocated() {
        assertThat(problems("""
                automations:
                  - id: bad
                    variables: { level: 3 }
                    triggers: [ { trigger: gateway, event: started } ]
                    conditions:
                      - { condition: expr, expr: "thermo.temperature >" }
                      - { condition: expr, expr: "kitchen_temp.temperature > 3.0" }
                      - { condition: expr, expr: "thermo.temprature > 3.0" }
                      - { condition: expr, expr: "level > 2" }
                    actions: [ { command: { device: lamp, set: { brightness: "${levle}" } } }, { disable: nobody } ]
                """)).satisfiesExactly(
                p -> assertThat(p).startsWith("a.yaml:6:34: expression 'thermo.temperature >' does not compile"),
                p -> assertThat(p).startsWith("a.yaml:7:34: expression 'kitchen_temp.temperature > 3.0' does not compile")
                        .contains("kitchen_temp"),
                p -> assertThat(p).startsWith("a.yaml:8:34: expression 'thermo.temprature > 3.0' does not compile")
                        .contains("has no attribute 'temprature'"),
                p -> assertThat(p).startsWith("a.yaml:10:62: expression 'levle' does not compile").contains("levle"),
                p -> assertThat(p).startsWith("a.yaml:10:91: no automation 'nobody'"));
    }

    @Test
    void aVariableUsedAgainstTheTypeItWasWrittenWithIsLocatedAtLoad() {
        assertThat(problems("""
                automations:
                  - id: bad
                    variables: { level: "high", steps: 2, factor: 1.5 }
                    triggers: [ { trigger: gateway, event: started } ]
                    conditions: [ { condition: expr, expr: "level > 2.0" } ]
                    actions: [ { command: { device: lamp, set: { brightness: "${steps * factor}" } } } ]
                """)).satisfiesExactly(
                p -> assertThat(p).startsWith("a.yaml:5:44: expression 'level > 2.0' does not compile").contains("_>_"),
                p -> assertThat(p).startsWith("a.yaml:6:62: expression 'steps * factor' does not compile").contains("_*_"));
    }

    @Test
    void structuralMistakesAreLocated() {
        assertThat(problems("""
                automations:
                  - id: bad
                    mode: single
                    max: 3
                    triggers: [ { trigger: sunset } ]
                    actions:
                      - { delay: 1s, log: both }
                      - { repeat: { count: 2, while: [ { condition: expr, expr: "true" } ], actions: [ { log: x } ] } }
                      - { wait: { timeout: 1s } }
                """)).satisfiesExactly(
                p -> assertThat(p).startsWith("a.yaml:4:5: 'max' applies to mode queued or parallel"),
                p -> assertThat(p).startsWith("a.yaml:5:28: 'trigger' must be one of state, numeric"),
                p -> assertThat(p).startsWith("a.yaml:7:9: an action has exactly one of"),
                p -> assertThat(p).startsWith("a.yaml:8:19: 'repeat' needs exactly one of 'count', 'while' or 'until'"),
                p -> assertThat(p).startsWith("a.yaml:9:17: 'wait' needs exactly one of 'trigger' or 'condition'"));
    }

    @Test
    void thePublishedJsonSchemaKnowsExactlyTheKindsTheLoaderKnows() throws Exception {
        io.vertx.core.json.JsonObject schema = new io.vertx.core.json.JsonObject(java.nio.file.Files.readString(
                dev.hearth.gateway.support.RepositoryHome.root().resolve("docs/automation.schema.json")));
        io.vertx.core.json.JsonObject defs = schema.getJsonObject("$defs");
        assertThat(kinds(defs, "trigger", "trigger")).containsExactlyElementsOf(dev.hearth.gateway.automation.model.TriggerKinds.NAMES);
        assertThat(kinds(defs, "condition", "condition")).containsExactlyElementsOf(ConditionReader.KINDS);
        assertThat(defs.getJsonObject("action").getJsonArray("oneOf").stream()
                .map(o -> ((io.vertx.core.json.JsonObject) o).getJsonArray("required").getString(0)).toList())
                .containsExactlyElementsOf(ActionReader.KINDS);
        assertThat(defs.getJsonObject("kind").getJsonArray("enum").getList()).as("a command's kind: target")
                .containsExactlyElementsOf(dev.hearth.gateway.device.DeviceKind.names());
    }

    private static List<String> kinds(io.vertx.core.json.JsonObject defs, String def, String key) {
        return defs.getJsonObject(def).getJsonArray("oneOf").stream()
                .map(o -> ((io.vertx.core.json.JsonObject) o).getJsonObject("properties").getJsonObject(key).getString("const")).toList();
    }
}
