package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An expression ({@code ${…}}) naming a device discovery has not found yet waits like a plain device reference does:
 * a located warning, the automation waiting for it, and a check once the device is known. Before the fix the
 * expression did not compile ("undeclared reference") and the automation was an error at load.
 */
class AwaitedExpressionsTest {
    private static final String TEXT = """
            automations:
              - id: doorbell_dims_lamp
                triggers:
                  - trigger: mqtt
                    topic: doorbell/pressed
                conditions:
                  - condition: expr
                    expr: "hall_lamp.brightness > 10"
                actions:
                  - command: { device: kitchen_lamp, set: { brightness: "${hall_lamp.brightness / 2}" } }
            """;

    private static DeviceSpec light(String id) {
        return new DeviceSpec(new DeviceId(id), id, "", DeviceKind.LIGHT, JsonFormat.zigbee2mqtt("z/" + id), DeviceKind.LIGHT.attributes());
    }

    @Test
    void anExpressionNamingAnUndiscoveredDeviceWaitsForIt() {
        AutomationLoader loader = new AutomationLoader(List.of(light("kitchen_lamp")), Set.of(), true);
        Problems problems = new Problems();

        AutomationLoader.Loaded loaded = loader.loadText("a.yaml", TEXT, problems);

        assertThat(problems.list()).isEmpty();
        assertThat(loaded.automations()).isEmpty();
        assertThat(loaded.waiting()).singleElement().satisfies(w -> {
            assertThat(w.automation()).isEqualTo("doorbell_dims_lamp");
            assertThat(w.devices()).containsExactly("hall_lamp");
        });
        assertThat(loaded.warnings()).extracting(ConfigProblem::toString)
                .anyMatch(w -> w.startsWith("a.yaml:8:") && w.contains("unknown device 'hall_lamp' in an expression"))
                .anyMatch(w -> w.startsWith("a.yaml:10:"));
    }

    @Test
    void onceTheDeviceIsKnownTheExpressionsAreCheckedAndTheAutomationRuns() {
        AutomationLoader later = new AutomationLoader(List.of(light("kitchen_lamp"), light("hall_lamp")), Set.of(), true);
        Problems problems = new Problems();

        AutomationLoader.Loaded loaded = later.loadText("a.yaml", TEXT, problems);

        assertThat(problems.list()).isEmpty();
        assertThat(loaded.waiting()).isEmpty();
        assertThat(loaded.automations()).extracting(Automation::id).containsExactly("doorbell_dims_lamp");
    }

    @Test
    void withoutDiscoveryAnUnknownNameInAnExpressionStaysAnError() {
        AutomationLoader loader = new AutomationLoader(List.of(light("kitchen_lamp")), Set.of(), false);
        Problems problems = new Problems();

        AutomationLoader.Loaded loaded = loader.loadText("a.yaml", TEXT, problems);

        assertThat(loaded.automations()).isEmpty();
        assertThat(loaded.waiting()).isEmpty();
        assertThat(problems.list()).extracting(ConfigProblem::toString).anyMatch(p -> p.startsWith("a.yaml:8:") && p.contains("does not compile"));
    }

    @Test
    void aTypoOfAKnownVariableOrTheTriggerIsNotAwaited() {
        AutomationLoader loader = new AutomationLoader(List.of(light("kitchen_lamp")), Set.of(), true);
        Problems problems = new Problems();

        loader.loadText("a.yaml", TEXT.replace("hall_lamp.brightness > 10", "Trigger.payload == 'x'"), problems);

        assertThat(problems.list()).extracting(ConfigProblem::toString).anyMatch(p -> p.startsWith("a.yaml:8:") && p.contains("does not compile"));
    }
}
