package dev.hearth.gateway.automation.trace;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine keeps the newest traces of each automation in memory and serves them, newest first, with the count of all runs. */
class RunHistoryTest {
    static final Instant T0 = Instant.parse("2026-11-28T20:00:00Z");

    @Test
    void theNewestKeptRunsOfEachAutomationAreServedNewestFirst() {
        RunHistory history = new RunHistory(AutomationRun.KEPT);
        for (int i = 0; i < 80; i++) history.record(run("busy", i));
        history.record(run("quiet", 3));

        List<AutomationRun> busy = history.recent("busy", 200);
        assertThat(busy).hasSize(AutomationRun.KEPT);
        assertThat(busy.get(0).at()).isEqualTo(T0.plusSeconds(79));
        assertThat(busy.get(busy.size() - 1).at()).isEqualTo(T0.plusSeconds(80 - AutomationRun.KEPT));
        assertThat(history.recent("busy", 5)).extracting(AutomationRun::at).containsExactly(
                T0.plusSeconds(79), T0.plusSeconds(78), T0.plusSeconds(77), T0.plusSeconds(76), T0.plusSeconds(75));
        assertThat(history.count("busy")).isEqualTo(80);
        assertThat(history.lastTriggered("busy")).contains(T0.plusSeconds(79));
        assertThat(history.recent("quiet", 200)).hasSize(1);
        assertThat(history.recent("never", 200)).isEmpty();
    }

    private static AutomationRun run(String automation, int second) {
        Instant at = T0.plusSeconds(second);
        return new AutomationRun(automation, at, "state motion.occupancy to true", AutomationRun.Outcome.RAN, List.of(), List.of(), at);
    }
}
