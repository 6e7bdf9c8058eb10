package dev.hearth.gateway.automation;

import dev.hearth.gateway.config.Problems;
import dev.hearth.gateway.device.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.PayloadFormat;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on virtual time: a {@code for: 10m} is checked in microseconds. */
class AutomationEngineTest {
    private static final DeviceId PIR = new DeviceId("pir");
    private static final DeviceId LAMP = new DeviceId("lamp");
    private static final DeviceId THERMO = new DeviceId("thermo");

    private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-01-01T18:00:00Z"), ZoneOffset.UTC);
    private final Map<String, Value> state = new HashMap<>();
    private final List<CommandRequested> commands = new ArrayList<>();
    private final List<AutomationRun> runs = new ArrayList<>();

    private AutomationEngine engine(String yaml) {
        List<DeviceSpec> devices = List.of(
                spec(PIR, DeviceKind.MOTION_SENSOR), spec(LAMP, DeviceKind.LIGHT), spec(THERMO, DeviceKind.TEMPERATURE_SENSOR));
        Problems problems = new Problems();
        List<Automation> automations = new AutomationLoader(devices).parse("test.yaml", yaml, problems);
        assertThat(problems.list()).isEmpty();
        return new AutomationEngine(automations, (d, a) -> Optional.ofNullable(state.get(d + "." + a)), time, commands::add, runs::add);
    }

    private void change(AutomationEngine engine, DeviceId device, String attribute, Value value) {
        Value previous = state.put(device + "." + attribute, value);
        engine.onStateChanged(new StateChanged(device, attribute, Optional.ofNullable(previous), value, time.now()));
    }

    @Test
    void holdForRunsOnlyWhenTheStateLastsAndIsCancelledByAChangeBack() {
        AutomationEngine engine = engine("""
                automations:
                  - id: off_after_quiet
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: false, for: 10m } ]
                    actions: [ { command: { device: lamp, set: { state: "OFF" } } } ]
                """);
        change(engine, PIR, "occupancy", Value.of(true));
        change(engine, PIR, "occupancy", Value.of(false));
        time.advance(Duration.ofMinutes(9));
        change(engine, PIR, "occupancy", Value.of(true));
        time.advance(Duration.ofMinutes(5));
        assertThat(commands).isEmpty();
        assertThat(engine.pendingHolds()).isZero();

        change(engine, PIR, "occupancy", Value.of(false));
        time.advance(Duration.ofMinutes(10));
        assertThat(commands).singleElement().isEqualTo(new CommandRequested(LAMP, Map.of("state", Value.of("OFF")), "off_after_quiet"));
    }

    @Test
    void firstReportNeverFiresAndNumericFiresOnlyOnCrossing() {
        AutomationEngine engine = engine("""
                automations:
                  - id: cold
                    triggers: [ { trigger: numeric, device: thermo, attribute: temperature, below: 19.5 } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """);
        change(engine, THERMO, "temperature", Value.of(18.0));
        change(engine, THERMO, "temperature", Value.of(20.0));
        change(engine, THERMO, "temperature", Value.of(19.0));
        change(engine, THERMO, "temperature", Value.of(18.5));
        assertThat(commands).hasSize(1);
    }

    @Test
    void failedConditionIsReportedWithTheValueItSaw() {
        AutomationEngine engine = engine("""
                automations:
                  - id: only_when_cold
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    conditions: [ { condition: numeric, device: thermo, attribute: temperature, below: 18 } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """);
        state.put("thermo.temperature", Value.of(21.5));
        change(engine, PIR, "occupancy", Value.of(false));
        change(engine, PIR, "occupancy", Value.of(true));
        assertThat(commands).isEmpty();
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AutomationRun.Outcome.CONDITION_FAILED);
            assertThat(r.details()).singleElement().asString().contains("thermo.temperature below 18.0 (was 21.5)");
        });
    }

    @Test
    void disabledAutomationsDoNotRunAndTriggerNowBypassesTriggers() {
        AutomationEngine engine = engine("""
                automations:
                  - id: lights
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """);
        assertThat(engine.setEnabled("lights", false)).isTrue();
        change(engine, PIR, "occupancy", Value.of(false));
        change(engine, PIR, "occupancy", Value.of(true));
        assertThat(commands).isEmpty();
        assertThat(engine.triggerNow("lights")).isTrue();
        assertThat(engine.triggerNow("nope")).isFalse();
        assertThat(commands).hasSize(1);
        assertThat(engine.list()).singleElement().satisfies(i -> {
            assertThat(i.enabled()).isFalse();
            assertThat(i.runs()).isEqualTo(1);
        });
        assertThat(engine.recentRuns("lights", 5)).extracting(AutomationRun::trigger).containsExactly("manual trigger");
    }

    private static DeviceSpec spec(DeviceId id, DeviceKind kind) {
        boolean writable = DeviceSpec.hasWritable(kind.attributes());
        return new DeviceSpec(id, id.value(), "", kind, PayloadFormat.JSON, "z/" + id,
                writable ? Optional.of("z/" + id + "/set") : Optional.empty(), "z/" + id + "/availability", kind.attributes());
    }
}
