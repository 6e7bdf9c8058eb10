package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A blueprint used twice gives two independent sets of automations; a wrong input names the use site and the blueprint. */
class BlueprintsTest {
    private static final List<DeviceSpec> DEVICES = devices();
    private static final String MOTION_LIGHT = """
            blueprint:
              inputs:
                motion: { type: device, kind: motion_sensor }
                light: { type: device, kind: light }
                off_after: { type: duration, default: 2m }
                brightness: { type: number, default: 200 }
            automations:
              - id: "on"
                triggers: [ { trigger: state, device: !input motion, attribute: occupancy, to: true } ]
                actions: [ { command: { device: !input light, set: { state: "ON", brightness: !input brightness } } } ]
              - id: "off"
                triggers: [ { trigger: state, device: !input motion, attribute: occupancy, to: false, for: !input off_after } ]
                actions: [ { command: { device: !input light, set: { state: "OFF" } } } ]
            """;

    private static List<DeviceSpec> devices() {
        List<DeviceSpec> all = new ArrayList<>(EngineHarness.DEVICES);
        all.add(EngineHarness.spec("porch_pir", DeviceKind.MOTION_SENSOR));
        all.add(EngineHarness.spec("porch_lamp", DeviceKind.LIGHT));
        return all;
    }

    private static List<Automation> load(String yaml, Problems problems) {
        return new AutomationLoader(DEVICES).withBlueprints(Map.of("motion_light", MOTION_LIGHT)).parse("uses.yaml", yaml, problems);
    }

    private static List<String> problems(String yaml) {
        Problems problems = new Problems();
        load(yaml, problems);
        return problems.list().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aBlueprintUsedTwiceWithDifferentInputsGivesTwoWorkingSetsOfAutomations() {
        Problems problems = new Problems();
        List<Automation> automations = load("""
                automations:
                  - id: hall
                    use: motion_light
                    inputs: { motion: pir, light: lamp }
                  - id: porch
                    use: motion_light
                    inputs: { motion: porch_pir, light: porch_lamp, off_after: 5m, brightness: 40 }
                """, problems);
        assertThat(problems.list()).isEmpty();
        assertThat(automations).extracting(Automation::id).containsExactly("hall_on", "hall_off", "porch_on", "porch_off");
        assertThat(automations).extracting(Automation::source).containsExactly("uses.yaml:2", "uses.yaml:2", "uses.yaml:5", "uses.yaml:5");
        assertThat(automations.get(0).fingerprint()).isNotEqualTo(automations.get(2).fingerprint());

        EngineHarness home = new EngineHarness().build(automations);
        home.engine.arm(List.of(), Map.of());
        home.set("pir", "occupancy", false);
        home.set("porch_pir", "occupancy", false);
        home.set("porch_pir", "occupancy", true);
        assertThat(home.commandTexts()).containsExactly("porch_lamp {brightness=40, state=ON}");
        home.set("pir", "occupancy", true);
        home.set("pir", "occupancy", false);
        home.set("porch_pir", "occupancy", false);
        home.advance(Duration.ofMinutes(2));
        assertThat(home.commandTexts()).containsExactly("porch_lamp {brightness=40, state=ON}", "lamp {brightness=200, state=ON}",
                "lamp {state=OFF}");
        home.advance(Duration.ofMinutes(3));
        assertThat(home.commandTexts()).endsWith("porch_lamp {state=OFF}");
    }

    @Test
    void aWrongInputIsReportedAtTheUseSiteNamingTheBlueprintsPosition() {
        assertThat(problems("""
                automations:
                  - id: hall
                    use: motion_light
                    inputs: { motion: pir, light: porch_pir, off_after: soon }
                  - id: porch
                    use: motion_light
                    inputs: { motion: porch_pir, light: porch_lamp, brightness: 300 }
                """)).containsExactly(
                "uses.yaml:4:35: porch_pir is a motion_sensor, not a light (input 'light' of blueprint motion_light, declared at "
                        + "blueprints/motion_light.yaml:4:5)",
                "uses.yaml:4:57: 'soon' is not a duration such as 90s, 5m or 1h30m (input 'off_after' of blueprint motion_light, "
                        + "declared at blueprints/motion_light.yaml:5:5)",
                "uses.yaml:7:65: 'brightness' must be a number from 0 to 254, got '300.0' (input 'brightness', used in blueprint "
                        + "motion_light at blueprints/motion_light.yaml:10:83)");
    }

    @Test
    void unknownBlueprintsAndInputsAndMissingOnesAreReported() {
        assertThat(problems("""
                automations:
                  - id: hall
                    use: motion_lite
                  - id: porch
                    use: motion_light
                    inputs: { motion: porch_pir, lamp: porch_lamp }
                """)).containsExactly(
                "uses.yaml:3:10: no blueprint 'motion_lite' in the automations' blueprints/ folder (did you mean 'motion_light'?)",
                "uses.yaml:6:34: blueprint motion_light has no input 'lamp' (it has: motion, light, off_after, brightness)",
                "uses.yaml:6:13: missing input 'light' of blueprint motion_light (declared at blueprints/motion_light.yaml:4:5)");
    }
}
