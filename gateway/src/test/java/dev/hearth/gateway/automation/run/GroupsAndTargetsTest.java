package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.device.DeviceGroups;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups of devices.yaml wherever a device is (command, state and numeric triggers with match any/all, conditions), and
 * commands to a room and a kind, resolved against the devices known when they run.
 */
class GroupsAndTargetsTest {
    private static final DeviceGroups GROUPS = new DeviceGroups(Map.of(
            "living_lights", List.of(new DeviceId("lamp_1"), new DeviceId("lamp_2"), new DeviceId("lamp_3"))));
    private static final List<DeviceSpec> DEVICES = devices();

    private static List<DeviceSpec> devices() {
        List<DeviceSpec> all = new ArrayList<>(EngineHarness.DEVICES);
        all.add(in("lamp_1", DeviceKind.LIGHT, "living_room"));
        all.add(in("lamp_2", DeviceKind.LIGHT, "living_room"));
        all.add(in("tv_plug", DeviceKind.SWITCH, "living_room"));
        all.add(in("hall_lamp", DeviceKind.LIGHT, "hallway"));
        return all;
    }

    private static DeviceSpec in(String id, DeviceKind kind, String room) {
        return new DeviceSpec(new DeviceId(id), id, room, kind, JsonFormat.zigbee2mqtt("z/" + id), kind.attributes());
    }

    private static List<Automation> load(String yaml, Problems problems) {
        return new AutomationLoader(DEVICES).withGroups(GROUPS).parse("groups.yaml", yaml, problems);
    }

    private static EngineHarness home(String yaml) {
        Problems problems = new Problems();
        List<Automation> automations = load(yaml, problems);
        assertThat(problems.list()).isEmpty();
        EngineHarness home = new EngineHarness().build(automations);
        home.known.clear();
        home.known.addAll(DEVICES);
        home.engine.arm(List.of(), Map.of());
        return home;
    }

    private static List<String> problems(String yaml) {
        Problems problems = new Problems();
        load(yaml, problems);
        return problems.list().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aCommandToARoomAndKindReachesEveryLightOfTheRoomKnownWhenItRunsOnceEach() {
        EngineHarness home = home("""
                automations:
                  - id: lights_out
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: false } ]
                    actions:
                      - command: { room: living_room, kind: light, set: { state: "OFF" } }
                """);
        // lamp_3 is discovered after the automations were read.
        home.known.add(in("lamp_3", DeviceKind.LIGHT, "living_room"));
        home.set("pir", "occupancy", true);
        home.set("pir", "occupancy", false);

        assertThat(home.commandTexts()).containsExactly("lamp_1 {state=OFF}", "lamp_2 {state=OFF}", "lamp_3 {state=OFF}");
        assertThat(home.lastRun().steps()).singleElement().satisfies(s -> assertThat(s.action())
                .isEqualTo("command room living_room kind light: lamp_1 {state=OFF}, lamp_2 {state=OFF}, lamp_3 {state=OFF}"));
    }

    @Test
    void aSceneMixesOneDeviceARoomAndAGroupAndEachDeviceGetsItsCommandOnce() {
        EngineHarness home = home("""
                automations:
                  - id: movie
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions:
                      - scene:
                          - { device: tv_plug, set: { state: "ON" } }
                          - { device: living_lights, set: { brightness: 30 } }
                          - { room: hallway, kind: light, set: { state: "OFF" } }
                """);
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);

        assertThat(home.commandTexts()).containsExactly("tv_plug {state=ON}", "lamp_1 {brightness=30}", "lamp_2 {brightness=30}",
                "hall_lamp {state=OFF}");
        assertThat(home.lastRun().outcome()).isEqualTo(AutomationRun.Outcome.RAN);
    }

    @Test
    void aSceneEntryNamingOneDeviceAndARoomIsAnErrorAtItsPosition() {
        assertThat(problems("""
                automations:
                  - id: movie
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions:
                      - scene:
                          - { device: tv_plug, room: hallway, set: { state: "ON" } }
                """)).singleElement().asString().startsWith("groups.yaml:6:").contains("not both");
    }

    @Test
    void aCommandToAGroupSkipsAMemberThatCannotTakeItAndNamesIt() {
        EngineHarness home = home("""
                automations:
                  - id: dim
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions:
                      - command: { device: living_lights, set: { brightness: 40 } }
                """);
        home.known.add(in("lamp_3", DeviceKind.SWITCH, "living_room"));
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);

        assertThat(home.commandTexts()).containsExactly("lamp_1 {brightness=40}", "lamp_2 {brightness=40}");
        assertThat(home.lastRun().steps().get(0).action()).endsWith("; left out: lamp_3 has no attribute 'brightness'");
    }

    @Test
    void aGroupTriggerFiresForAnyMemberAndWithMatchAllOnlyWhenTheLastMemberGetsThere() {
        EngineHarness home = home("""
                automations:
                  - id: any_on
                    triggers: [ { trigger: state, device: living_lights, attribute: state, to: "ON", id: lights } ]
                    actions: [ { log: "${trigger.device} on (${trigger.id})" } ]
                  - id: all_off
                    triggers: [ { trigger: state, device: living_lights, attribute: state, to: "OFF", match: all } ]
                    actions: [ { publish: { topic: home/all_off, payload: "${trigger.device}" } } ]
                """);
        for (String lamp : List.of("lamp_1", "lamp_2", "lamp_3")) home.set(lamp, "state", "OFF");
        assertThat(home.publications).as("no change from a state into the same state").isEmpty();
        home.set("lamp_2", "state", "ON");
        home.set("lamp_3", "state", "ON");
        assertThat(home.runs).extracting(r -> r.automation() + ": " + r.steps().get(0).action())
                .containsExactly("any_on: log lamp_2 on (lights)", "any_on: log lamp_3 on (lights)");

        home.set("lamp_2", "state", "OFF");
        assertThat(home.publications).as("lamp_3 is still on").isEmpty();
        home.set("lamp_3", "state", "OFF");
        assertThat(home.publications).singleElement().satisfies(p -> assertThat(new String(p.payload())).isEqualTo("lamp_3"));
    }

    @Test
    void aGroupConditionNeedsEveryMemberByDefaultAndOneWithMatchAny() {
        EngineHarness home = home("""
                automations:
                  - id: all_off
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    conditions: [ { condition: state, device: living_lights, attribute: state, is: "OFF" } ]
                    actions: [ { log: all off } ]
                  - id: one_on
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    conditions: [ { condition: state, device: living_lights, attribute: state, is: "ON", match: any } ]
                    actions: [ { log: one on } ]
                """);
        home.set("lamp_1", "state", "OFF");
        home.set("lamp_2", "state", "OFF");
        home.set("lamp_3", "state", "ON");
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        assertThat(home.runs).extracting(r -> r.automation() + " " + r.outcome())
                .containsExactlyInAnyOrder("all_off CONDITION_FAILED", "one_on RAN");

        home.set("lamp_3", "state", "OFF");
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        assertThat(home.runs.subList(2, 4)).extracting(r -> r.automation() + " " + r.outcome())
                .containsExactlyInAnyOrder("all_off RAN", "one_on CONDITION_FAILED");
    }

    @Test
    void whatCanBeCheckedAtLoadIsReportedWithItsPosition() {
        assertThat(problems("""
                automations:
                  - id: a
                    triggers: [ { trigger: state, device: living_lights, attribute: brigthness, to: 3 } ]
                    actions: [ { command: { room: living_room, kind: light, set: { brightness: 300 } } } ]
                  - id: b
                    triggers: [ { trigger: availability, device: living_lights, to: offline } ]
                    actions: [ { command: { device: living_lights, set: { colour: red } } } ]
                  - id: c
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true, match: all } ]
                    actions:
                      - wait: { trigger: { trigger: state, device: living_lights, attribute: state, to: "ON" } }
                      - command: { room: hallway, kind: helper, set: { state: "ON" } }
                """)).containsExactly(
                "groups.yaml:3:69: lamp_1 (light) has no attribute 'brigthness' (did you mean 'brightness'?); it has: brightness, "
                        + "brightness_step, brightness_step_pct, color, color_temp, color_temp_kelvin, hs, linkquality, rgb, state, "
                        + "transition, xy",
                "groups.yaml:3:81: unknown key 'to' (expected one of: id, device, match, trigger, attribute, for, from_unavailable)",
                "groups.yaml:4:80: 'brightness' must be a number from 0 to 254, got '300.0'",
                "groups.yaml:6:50: 'living_lights' is a group: groups work in commands, state and numeric triggers, and state and "
                        + "numeric conditions",
                "groups.yaml:7:59: no device of group living_lights has a settable 'colour' (did you mean 'color'?); they have: "
                        + "brightness, brightness_step, brightness_step_pct, color, color_temp, color_temp_kelvin, hs, rgb, state, "
                        + "transition, xy",
                "groups.yaml:9:80: unknown key 'match' (expected one of: id, device, trigger, attribute, from, to, for, from_unavailable)",
                "groups.yaml:11:52: a wait watches one device, not a group",
                "groups.yaml:12:41: 'kind' must be one of motion_sensor, contact_sensor, temperature_sensor, illuminance_sensor, light, "
                        + "switch, thermostat, button, generic, got 'helper'");
    }
}
