package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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

    @Test
    void afterARestartTheNewestFiftyAreKeptAcrossTheRowsOfBothProcesses(@TempDir Path dir) {
        Database db = Database.open(dir, Durability.PROCESS);
        try {
            Instant t0 = Instant.parse("2026-11-28T20:00:00Z");
            TraceStore before = new AutomationStore(db).traces();
            for (int save = 0; save < 4; save++) before.save(runs("busy", t0, save * 20, 20), Set.of("busy"));
            TraceStore after = new AutomationStore(db).traces();

            after.save(runs("busy", t0, 100, 30), Set.of("busy"));
            assertThat(after.read("busy", 1_000)).as("30 traces of this process and a row of 20 before it")
                    .hasSize(50).last().extracting(AutomationRun::at).isEqualTo(t0.plusSeconds(60));
            after.save(runs("busy", t0, 130, 25), Set.of("busy"));
            after.save(runs("busy", t0, 155, 25), Set.of("busy"));

            List<AutomationRun> busy = after.read("busy", 1_000);
            assertThat(busy).as("the two newest rows hold 50: every older row, the first process's too, is gone").hasSize(50);
            assertThat(busy.get(49).at()).isEqualTo(t0.plusSeconds(130));
            assertThat(rows(db)).isEqualTo(2);
        } finally {
            db.close();
        }
    }

    @Test
    void aRowOfTheFormerFormatReadsBesideNewRowsAndIsPrunedWithThem(@TempDir Path dir) {
        Database db = Database.open(dir, Durability.PROCESS);
        try {
            TraceStore store = new AutomationStore(db).traces();
            Instant t0 = Instant.parse("2026-11-28T20:00:00Z");
            long n0 = t0.getEpochSecond() * 1_000_000_000L;
            String versionOne = "[{\"automation\":\"hall\",\"at\":" + n0 + ",\"trigger\":\"state hall.occupancy to true\",\"outcome\":\"RAN\","
                    + "\"details\":[],\"steps\":[{\"action\":\"command hall_light {state=ON}\",\"outcome\":\"ok\",\"at\":" + (n0 + 1000)
                    + ",\"millis\":0}],\"finished\":" + (n0 + 2000) + "}]";
            db.session("test").transaction(c -> {
                try (java.sql.PreparedStatement p = c.prepareStatement(
                        "INSERT INTO automation_trace (automation, at, outcome, body, runs) VALUES ('hall', ?, 'RAN', ?, 1)")) {
                    p.setTimestamp(1, java.sql.Timestamp.from(t0));
                    p.setString(2, versionOne);
                    p.executeUpdate();
                }
                return null;
            });

            store.save(runs("hall", t0, 1, 10), Set.of("hall"));
            List<AutomationRun> hall = store.read("hall", 1_000);
            assertThat(hall).hasSize(11);
            assertThat(hall.get(10).steps()).singleElement().extracting(AutomationRun.Step::action).isEqualTo("command hall_light {state=ON}");
            assertThat(hall.get(10).finished()).isEqualTo(t0.plusNanos(2000));

            store.save(runs("hall", t0, 11, 50), Set.of("hall"));
            assertThat(store.read("hall", 1_000)).hasSize(50).last().extracting(AutomationRun::at).isEqualTo(t0.plusSeconds(11));
            assertThat(rows(db)).isEqualTo(1);
        } finally {
            db.close();
        }
    }

    private static List<AutomationRun> runs(String automation, Instant t0, int from, int count) {
        List<AutomationRun> runs = new java.util.ArrayList<>();
        for (int i = from; i < from + count; i++) runs.add(run(automation, t0.plusSeconds(i)));
        return runs;
    }

    private static long rows(Database db) {
        return db.session("test").transaction(c -> {
            try (java.sql.ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM automation_trace")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static AutomationRun run(String automation, Instant at) {
        return new AutomationRun(automation, at, "state motion.occupancy to true", AutomationRun.Outcome.RAN,
                List.of(), List.of(), at);
    }
}
