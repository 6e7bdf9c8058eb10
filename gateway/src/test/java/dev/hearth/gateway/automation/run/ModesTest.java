package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.trace.AutomationRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** single, restart, queued and parallel, with a run that takes a minute. */
class ModesTest {

    private static EngineHarness home(String mode) {
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: slow
                    %s
                    triggers: [ { trigger: mqtt, topic: go } ]
                    actions:
                      - command: { device: lamp, set: { state: "ON" } }
                      - delay: 1m
                      - command: { device: lamp, set: { state: "OFF" } }
                """.formatted(mode));
        for (int i = 0; i < 3; i++) {
            home.engine.onMqtt("go", new byte[0]);
            home.advance(Duration.ofSeconds(10));
        }
        home.advance(Duration.ofMinutes(5));
        return home;
    }

    @Test
    void singleDropsNewRunsWhileOneIsGoingAndTracesTheDrop() {
        EngineHarness h = home("mode: single");
        assertThat(h.commandTexts()).containsExactly("lamp {state=ON}", "lamp {state=OFF}");
        assertThat(h.outcomes()).containsExactly(AutomationRun.Outcome.DROPPED_BY_MODE, AutomationRun.Outcome.DROPPED_BY_MODE,
                AutomationRun.Outcome.RAN);
    }

    @Test
    void restartCancelsTheRunningOne() {
        EngineHarness h = home("mode: restart");
        assertThat(h.commandTexts()).containsExactly("lamp {state=ON}", "lamp {state=ON}", "lamp {state=ON}", "lamp {state=OFF}");
        assertThat(h.outcomes()).containsExactly(AutomationRun.Outcome.CANCELLED, AutomationRun.Outcome.CANCELLED, AutomationRun.Outcome.RAN);
        assertThat(h.journal.timers).isEmpty();
    }

    @Test
    void queuedRunsOneAfterAnotherUpToMax() {
        EngineHarness h = home("mode: queued\n    max: 2");
        assertThat(h.commandTexts()).containsExactly("lamp {state=ON}", "lamp {state=OFF}", "lamp {state=ON}", "lamp {state=OFF}");
        assertThat(h.outcomes()).containsExactly(AutomationRun.Outcome.DROPPED_BY_MODE, AutomationRun.Outcome.RAN, AutomationRun.Outcome.RAN);
    }

    @Test
    void parallelRunsSideBySideUpToMax() {
        EngineHarness h = home("mode: parallel\n    max: 2");
        assertThat(h.commandTexts()).containsExactly("lamp {state=ON}", "lamp {state=ON}", "lamp {state=OFF}", "lamp {state=OFF}");
        assertThat(h.outcomes()).containsExactly(AutomationRun.Outcome.DROPPED_BY_MODE, AutomationRun.Outcome.RAN, AutomationRun.Outcome.RAN);
    }
}
