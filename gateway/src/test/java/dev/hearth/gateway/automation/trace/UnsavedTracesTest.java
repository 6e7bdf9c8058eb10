package dev.hearth.gateway.automation.trace;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A save writes only what the database would keep: the newest traces of each automation, oldest first. */
class UnsavedTracesTest {
    static final Instant T0 = Instant.parse("2026-11-28T20:00:00Z");

    @Test
    void anAutomationThatRan300TimesSinceTheLastSaveWritesItsNewestKept() {
        UnsavedTraces unsaved = new UnsavedTraces(AutomationRun.KEPT);
        for (int i = 0; i < 300; i++) unsaved.add(run("busy", i));
        unsaved.add(run("quiet", 7));

        UnsavedTraces.Taken taken = unsaved.take();

        List<AutomationRun> busy = taken.runs().stream().filter(r -> r.automation().equals("busy")).toList();
        assertThat(busy).hasSize(AutomationRun.KEPT);
        assertThat(busy.get(0).at()).isEqualTo(T0.plusSeconds(300 - AutomationRun.KEPT));
        assertThat(busy.get(busy.size() - 1).at()).isEqualTo(T0.plusSeconds(299));
        assertThat(taken.runs()).filteredOn(r -> r.automation().equals("quiet")).hasSize(1);
        assertThat(unsaved.isEmpty()).isTrue();
        assertThat(unsaved.take().runs()).isEmpty();
    }

    @Test
    void anAutomationIsPrunedOnceKeptRowsWereWrittenSinceItsLastPrune() {
        UnsavedTraces unsaved = new UnsavedTraces(3);
        unsaved.add(run("hall", 1));
        unsaved.add(run("hall", 2));
        assertThat(unsaved.take().prune()).isEmpty();

        unsaved.add(run("hall", 3));
        assertThat(unsaved.take().prune()).containsExactly("hall");

        for (int i = 4; i < 10; i++) unsaved.add(run("hall", i));
        assertThat(unsaved.take().prune()).containsExactly("hall");
        unsaved.add(run("hall", 10));
        assertThat(unsaved.take().prune()).isEmpty();
    }

    private static AutomationRun run(String automation, int second) {
        Instant at = T0.plusSeconds(second);
        return new AutomationRun(automation, at, "state motion.occupancy to true", AutomationRun.Outcome.RAN, List.of(), List.of(), at);
    }
}
