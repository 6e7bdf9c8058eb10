package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each automation keeps its newest {@link TraceStore#KEPT} traces, whatever the others do. */
class TraceRetentionTest {
    @Test
    void aBatchOfTracesKeepsTheNewestFiftyOfEachAutomation(@TempDir Path dir) {
        Database db = Database.open(dir, Durability.PROCESS);
        try {
            TraceStore store = new AutomationStore(db).traces();
            Instant t0 = Instant.parse("2026-11-28T20:00:00Z");
            db.session("test").transaction(c -> {
                for (int i = 0; i < 80; i++) {
                    TraceStore.save(c, run("busy", t0.plusSeconds(i)));
                    if (i % 20 == 0) TraceStore.save(c, run("quiet", t0.plusSeconds(i)));
                }
                return null;
            });

            List<AutomationRun> busy = store.read("busy", 1_000);
            assertThat(busy).hasSize(TraceStore.KEPT);
            assertThat(busy.get(0).at()).isEqualTo(t0.plusSeconds(79));
            assertThat(busy.get(busy.size() - 1).at()).isEqualTo(t0.plusSeconds(30));
            assertThat(store.read("quiet", 1_000)).hasSize(4);
        } finally {
            db.close();
        }
    }

    @Test
    void rowsOfManyTracesAreReadNewestFirstAndPrunedOnceFiftyNewerTracesAreKept(@TempDir Path dir) {
        Database db = Database.open(dir, Durability.PROCESS);
        try {
            TraceStore store = new AutomationStore(db).traces();
            Instant t0 = Instant.parse("2026-11-28T20:00:00Z");
            List<AutomationRun> first = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) first.add(run("busy", t0.plusSeconds(i)));
            List<AutomationRun> second = new java.util.ArrayList<>();
            for (int i = 30; i < 60; i++) second.add(run("busy", t0.plusSeconds(i)));
            List<AutomationRun> third = new java.util.ArrayList<>();
            for (int i = 60; i < 110; i++) third.add(run("busy", t0.plusSeconds(i)));

            store.save(first, java.util.Set.of());
            store.save(second, java.util.Set.of("busy"));
            assertThat(store.read("busy", 1_000)).as("60 traces, fewer than 50 newer than the first row's")
                    .hasSize(60).extracting(AutomationRun::at).startsWith(t0.plusSeconds(59), t0.plusSeconds(58));
            assertThat(store.read("busy", 35)).hasSize(35).last().extracting(AutomationRun::at).isEqualTo(t0.plusSeconds(25));

            store.save(third, java.util.Set.of("busy"));
            List<AutomationRun> busy = store.read("busy", 1_000);
            assertThat(busy).as("only the newest row remains: it holds 50").hasSize(50);
            assertThat(busy.get(0).at()).isEqualTo(t0.plusSeconds(109));
            assertThat(busy.get(49).at()).isEqualTo(t0.plusSeconds(60));
        } finally {
            db.close();
        }
    }

    private static AutomationRun run(String automation, Instant at) {
        return new AutomationRun(automation, at, "state motion.occupancy to true", AutomationRun.Outcome.RAN,
                List.of(), List.of(), at);
    }
}
