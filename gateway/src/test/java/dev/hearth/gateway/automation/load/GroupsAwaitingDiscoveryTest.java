package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.device.DeviceGroups;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group in devices.yaml whose members discovery has not found yet waits like an unknown device does: a located
 * warning and an automation waiting for its members, checked once one of them is known. Before the fix it was an
 * error at load ("no device of group … is known yet"), though discovery was about to bring the lamps.
 */
class GroupsAwaitingDiscoveryTest {
    private static final DeviceGroups GROUPS = new DeviceGroups(Map.of(
            "living_lights", List.of(new DeviceId("floor_lamp"), new DeviceId("reading_lamp"))));
    private static final String TEXT = """
            automations:
              - id: lights_report_on
                triggers:
                  - trigger: state
                    device: living_lights
                    attribute: state
                    to: "ON"
                actions:
                  - log: "a living-room light is on"
            """;

    private static DeviceSpec light(String id) {
        return new DeviceSpec(new DeviceId(id), id, "", DeviceKind.LIGHT, JsonFormat.zigbee2mqtt("z/" + id), DeviceKind.LIGHT.attributes());
    }

    @Test
    void aGroupWhoseMembersAreNotDiscoveredYetMakesTheAutomationWaitForThem() {
        AutomationLoader loader = new AutomationLoader(List.of(), Set.of(), true).withGroups(GROUPS);
        Problems problems = new Problems();

        AutomationLoader.Loaded loaded = loader.loadText("a.yaml", TEXT, problems);

        assertThat(problems.list()).isEmpty();
        assertThat(loaded.automations()).isEmpty();
        assertThat(loaded.waiting()).singleElement().satisfies(w -> {
            assertThat(w.automation()).isEqualTo("lights_report_on");
            assertThat(w.devices()).containsExactlyInAnyOrder("floor_lamp", "reading_lamp");
        });
        assertThat(loaded.warnings()).extracting(ConfigProblem::toString)
                .anyMatch(w -> w.startsWith("a.yaml:5:") && w.contains("group 'living_lights'") && w.contains("waits"));
    }

    @Test
    void onceOneMemberIsKnownTheAutomationLoads() {
        AutomationLoader later = new AutomationLoader(List.of(light("floor_lamp")), Set.of(), true).withGroups(GROUPS);
        Problems problems = new Problems();

        AutomationLoader.Loaded loaded = later.loadText("a.yaml", TEXT, problems);

        assertThat(problems.list()).isEmpty();
        assertThat(loaded.waiting()).isEmpty();
        assertThat(loaded.automations()).extracting(Automation::id).containsExactly("lights_report_on");
    }

    @Test
    void withoutDiscoveryAGroupOfUnknownDevicesStaysAnError() {
        AutomationLoader loader = new AutomationLoader(List.of(), Set.of(), false).withGroups(GROUPS);
        Problems problems = new Problems();

        AutomationLoader.Loaded loaded = loader.loadText("a.yaml", TEXT, problems);

        assertThat(loaded.automations()).isEmpty();
        assertThat(loaded.waiting()).isEmpty();
        assertThat(problems.list()).extracting(ConfigProblem::toString)
                .anyMatch(p -> p.startsWith("a.yaml:5:") && p.contains("no device of group 'living_lights' is known yet"));
    }
}
