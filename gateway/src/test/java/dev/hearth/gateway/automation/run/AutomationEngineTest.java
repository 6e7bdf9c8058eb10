package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on virtual time: a {@code for: 10m} is checked in microseconds. */
class AutomationEngineTest {
    private final EngineHarness home = new EngineHarness();

    @Test
    void holdForRunsOnlyWhenTheStateLastsAndIsCancelledByAChangeBack() {
        home.load("""
                automations:
                  - id: off_after_quiet
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: false, for: 10m } ]
                    actions: [ { command: { device: lamp, set: { state: "OFF" } } } ]
                """);
        home.set("pir", "occupancy", true);
        home.set("pir", "occupancy", false);
        home.advance(Duration.ofMinutes(9));
        home.set("pir", "occupancy", true);
        home.advance(Duration.ofMinutes(5));
        assertThat(home.commands).isEmpty();
        assertThat(home.engine.pendingHolds()).isZero();
        assertThat(home.runs).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AutomationRun.Outcome.FOR_INTERRUPTED);
            assertThat(r.details()).singleElement().asString().contains("interrupted by pir.occupancy changed to true");
        });

        home.set("pir", "occupancy", false);
        home.advance(Duration.ofMinutes(10));
        assertThat(home.commands).singleElement()
                .isEqualTo(new CommandRequested(new DeviceId("lamp"), Map.of("state", Value.of("OFF")), "off_after_quiet"));
    }

    @Test
    void firstReportNeverFiresUnlessOptedInAndNumericFiresOnlyOnCrossing() {
        home.load("""
                automations:
                  - id: cold
                    triggers: [ { trigger: numeric, device: thermo, attribute: temperature, below: 19.5 } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                  - id: first_motion
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true, from_unavailable: true } ]
                    actions: [ { command: { device: lamp, set: { brightness: 10 } } } ]
                """);
        home.set("thermo", "temperature", 18.0);
        home.set("thermo", "temperature", 20.0);
        home.set("thermo", "temperature", 19.0);
        home.set("thermo", "temperature", 18.5);
        home.set("pir", "occupancy", true);
        assertThat(home.commandTexts()).containsExactly("lamp {state=ON}", "lamp {brightness=10}");
    }

    @Test
    void failedConditionIsTracedWithTheValueItSaw() {
        home.load("""
                automations:
                  - id: only_when_cold
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    conditions: [ { condition: numeric, device: thermo, attribute: temperature, below: 18 } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """);
        home.state.put("thermo.temperature", Value.of(21.5));
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        assertThat(home.commands).isEmpty();
        assertThat(home.runs).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AutomationRun.Outcome.CONDITION_FAILED);
            assertThat(r.details()).singleElement().asString().contains("thermo.temperature below 18.0 (was 21.5)");
        });
        assertThat(home.journal.traces).hasSize(1);
    }

    @Test
    void disabledAutomationsDoNotRunAndTriggerNowBypassesTriggers() {
        home.load("""
                automations:
                  - id: lights
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """);
        assertThat(home.engine.setEnabled("lights", false)).isTrue();
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        assertThat(home.commands).isEmpty();
        assertThat(home.engine.triggerNow("lights")).isTrue();
        assertThat(home.engine.triggerNow("nope")).isFalse();
        assertThat(home.commands).hasSize(1);
        assertThat(home.engine.list()).singleElement().satisfies(i -> {
            assertThat(i.enabled()).isFalse();
            assertThat(i.runs()).isEqualTo(1);
        });
        assertThat(home.engine.recentRuns("lights", 5)).extracting(AutomationRun::trigger).containsExactly("manual trigger");
    }

    @Test
    void beforeArmingMatchingTriggersAreTracedAsDroppedAtStartup() {
        home.build(EngineHarness.parse("""
                automations:
                  - id: lights
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """));
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        assertThat(home.commands).isEmpty();
        assertThat(home.outcomes()).containsExactly(AutomationRun.Outcome.DROPPED_AT_STARTUP);
        home.engine.arm(java.util.List.of(), Map.of());
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        assertThat(home.commands).hasSize(1);
    }

    @Test
    void anAutomationThatTriggersItselfInALoopIsPausedWithAnErrorTrace() {
        home.load("""
                automations:
                  - id: flicker
                    triggers: [ { trigger: state, device: lamp, attribute: state } ]
                    actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
                """);
        home.set("lamp", "state", "OFF");
        for (int i = 0; i < 20; i++) home.set("lamp", "state", i % 2 == 0 ? "ON" : "OFF");
        assertThat(home.commands).hasSize(5);
        assertThat(home.lastRun().outcome()).isEqualTo(AutomationRun.Outcome.PAUSED);
        assertThat(home.lastRun().details().get(0)).contains("more than 5 runs in one second");
        assertThat(home.engine.list().get(0).enabled()).isFalse();
    }
}
