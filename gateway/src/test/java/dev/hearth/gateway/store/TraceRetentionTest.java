package dev.hearth.gateway.store;

import dev.hearth.gateway.automation.AutomationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each automation keeps its newest {@link AutomationStore#TRACES_KEPT} traces, whatever the others do. */
class TraceRetentionTest {
    @Test
    void aBatchOfTracesKeepsTheNewestFiftyOfEachAutomation(@TempDir Path dir) {
        Database db = Database.open(dir, Durability.PROCESS);
        try {
            AutomationStore store = new AutomationStore(db);
            Instant t0 = Instant.parse("2026-11-28T20:00:00Z");
            db.session("test").transaction(c -> {
                for (int i = 0; i < 80; i++) {
                    AutomationStore.saveTrace(c, run("busy", t0.plusSeconds(i)));
                    if (i % 20 == 0) AutomationStore.saveTrace(c, run("quiet", t0.plusSeconds(i)));
                }
                return null;
            });

            List<AutomationRun> busy = store.traces("busy", 1_000);
            assertThat(busy).hasSize(AutomationStore.TRACES_KEPT);
            assertThat(busy.get(0).at()).isEqualTo(t0.plusSeconds(79));
            assertThat(busy.get(busy.size() - 1).at()).isEqualTo(t0.plusSeconds(30));
            assertThat(store.traces("quiet", 1_000)).hasSize(4);
        } finally {
            db.close();
        }
    }

    private static AutomationRun run(String automation, Instant at) {
        return new AutomationRun(automation, at, "state motion.occupancy to true", AutomationRun.Outcome.RAN,
                List.of(), List.of(), at);
    }
}
