package dev.hearth.gateway.automation.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replacing one file's automations keeps the timers of those that did not change and stops those that did. */
class HotReloadTest {
    private static final String QUIET_OFF = """
              - id: quiet_off
                triggers: [ { trigger: state, device: pir, attribute: occupancy, to: false, for: 5m } ]
                actions: [ { command: { device: lamp, set: { state: "OFF" } } } ]
            """;
    private static final String WINDOW_LOG = """
              - id: window_alarm
                triggers: [ { trigger: state, device: window, attribute: contact, to: false, for: 1m } ]
                actions: [ { command: { device: lamp, set: { brightness: %d } } } ]
            """;

    @Test
    void unchangedAutomationsKeepTheirPendingForWhileChangedOnesStartAfresh() {
        EngineHarness home = new EngineHarness().load("automations:\n" + QUIET_OFF + WINDOW_LOG.formatted(1));
        home.set("pir", "occupancy", true);
        home.set("pir", "occupancy", false);
        home.set("window", "contact", true);
        home.set("window", "contact", false);
        home.advance(Duration.ofSeconds(30));
        assertThat(home.engine.pendingHolds()).isEqualTo(2);

        // The file is saved with window_alarm edited and a blank line added above quiet_off (moving it, not changing it).
        home.engine.replaceFile("test.yaml", EngineHarness.parse("automations:\n\n" + QUIET_OFF + WINDOW_LOG.formatted(99)));
        assertThat(home.engine.pendingHolds()).isEqualTo(1);
        home.advance(Duration.ofMinutes(5));
        assertThat(home.commandTexts()).containsExactly("lamp {state=OFF}");

        home.set("window", "contact", true);
        home.set("window", "contact", false);
        home.advance(Duration.ofMinutes(1));
        assertThat(home.commandTexts()).containsExactly("lamp {state=OFF}", "lamp {brightness=99}");
    }

    @Test
    void removingAFileRemovesItsAutomationsAndTheirClockTimers() {
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: ticker
                    triggers: [ { trigger: interval, every: 1m } ]
                    actions: [ { log: tick } ]
                """);
        home.advance(Duration.ofMinutes(2));
        assertThat(home.runs).hasSize(2);
        home.engine.replaceFile("test.yaml", List.of());
        home.advance(Duration.ofMinutes(5));
        assertThat(home.runs).hasSize(2);
        assertThat(home.engine.list()).isEmpty();
        assertThat(home.time.pending()).isZero();
    }
}
