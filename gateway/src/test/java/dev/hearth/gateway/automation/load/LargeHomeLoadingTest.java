package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.Condition;
import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.run.EngineHarness;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading stays correct when a home is large: expressions see every device without each compile paying for all of
 * them, and an automation's fingerprint (kept by the journal with pending timers) does not change between versions.
 */
class LargeHomeLoadingTest {
    private static final int SENSORS = 20_000;

    private static List<DeviceSpec> largeHome() {
        List<DeviceSpec> devices = new ArrayList<>(EngineHarness.DEVICES);
        for (int i = 0; i < SENSORS; i++) devices.add(EngineHarness.spec("sensor_" + i, DeviceKind.TEMPERATURE_SENSOR));
        return devices;
    }

    @Test
    void expressionsInALargeHomeSeeEveryDeviceAndOnlyWhatExists() {
        Problems problems = new Problems();
        List<Automation> loaded = new AutomationLoader(largeHome()).parse("big.yaml", """
                automations:
                  - id: last_sensor
                    variables: { limit: 20 }
                    triggers: [ { trigger: gateway, event: started } ]
                    conditions: [ { condition: expr, expr: "sensor_19999.temperature > limit && trigger.kind == 'gateway'" } ]
                    actions: [ { log: "sensor_0 says ${sensor_0.temperature}" } ]
                  - id: same_text_without_the_variable
                    triggers: [ { trigger: gateway, event: started } ]
                    conditions: [ { condition: expr, expr: "sensor_19999.temperature > limit && trigger.kind == 'gateway'" } ]
                    actions: [ { log: "never loaded" } ]
                  - id: no_such_sensor
                    triggers: [ { trigger: gateway, event: started } ]
                    conditions: [ { condition: expr, expr: "sensor_20000.temperature > 1.0" } ]
                    actions: [ { log: "never loaded" } ]
                """, problems);

        assertThat(loaded).extracting(Automation::id).containsExactly("last_sensor");
        assertThat(problems.list()).extracting(ConfigProblem::toString).satisfiesExactly(
                p -> assertThat(p).isEqualTo("big.yaml:9:44: expression 'sensor_19999.temperature > limit && trigger.kind == 'gateway'' "
                        + "does not compile: undeclared reference to 'limit' (in container '')"),
                p -> assertThat(p).isEqualTo("big.yaml:13:44: expression 'sensor_20000.temperature > 1.0' does not compile: "
                        + "undeclared reference to 'sensor_20000' (in container '')"));

        Expr expr = ((Condition.Expression) loaded.get(0).conditions().get(0)).expr();
        Map<String, Object> sensor = Map.of("temperature", 21.5);
        Map<String, Object> trigger = Map.of("kind", "gateway");
        Expr.Variables names = name -> Optional.ofNullable(switch (name) {
            case "sensor_19999" -> sensor;
            case "trigger" -> trigger;
            case "limit" -> (Object) 20L;
            default -> null;
        });
        assertThat(expr.eval(names).isTrue()).isTrue();
    }

    @Test
    void aDeviceNameInsideAStringIsOnlyText() {
        Problems problems = new Problems();
        List<Automation> loaded = new AutomationLoader(largeHome()).parse("big.yaml", """
                automations:
                  - id: quoted
                    triggers: [ { trigger: gateway, event: started } ]
                    conditions: [ { condition: expr, expr: "trigger.kind == 'sensor_7'" } ]
                    actions: [ { log: started } ]
                """, problems);

        assertThat(problems.list()).isEmpty();
        Expr expr = ((Condition.Expression) loaded.get(0).conditions().get(0)).expr();
        assertThat(expr.eval(name -> name.equals("trigger") ? Optional.of(Map.of("kind", "sensor_7")) : Optional.empty())
                .asValue()).contains(Value.of(true));
    }

    /** The journal stores these digests with pending timers: a new version computing others would drop them at restart. */
    @Test
    void fingerprintsAreTheDigestsEarlierVersionsStored() {
        List<Automation> loaded = EngineHarness.parse("""
                # 🏠 home
                automations:
                  - id: first
                    description: "🌙 night 🌙"
                    triggers: [ { trigger: state, device: lamp, attribute: state, to: "ON" } ]
                    actions: [ { log: "🔥 ${lamp.state}" } ]
                  - id: second
                    triggers: [ { trigger: state, device: lamp, attribute: state } ]
                    actions: [ { command: { device: lamp, set: { state: "OFF" } } } ]
                """);

        assertThat(loaded).extracting(Automation::fingerprint).containsExactly("df56f870feb670e50cd2406c", "be7f4ebc01ffca13ff7b9011");
    }
}
