package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** After a restart the API shows this run's traces from memory, then the older ones an earlier run saved, each once. */
class RecentTracesTest {
    static final Instant T0 = Instant.parse("2026-11-28T20:00:00Z");

    @TempDir
    Path dir;
    Vertx vertx;
    Database database;
    TraceStore store;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        database = Database.open(dir, Durability.PROCESS);
        store = new AutomationStore(database).traces();
    }

    @AfterEach
    void close() {
        vertx.close().await();
        database.close();
    }

    @Test
    void theRunsBeforeARestartFollowThoseInMemoryWithoutDuplicates() {
        AutomationRun beforeRestart1 = run(1);
        AutomationRun beforeRestart2 = run(2);
        AutomationRun sinceStartSaved = run(10);
        AutomationRun sinceStartUnsaved = run(11);
        save(beforeRestart1, beforeRestart2, sinceStartSaved);
        List<AutomationRun> inMemory = List.of(sinceStartUnsaved, sinceStartSaved);
        RecentTraces traces = new RecentTraces(vertx, store);

        assertThat(traces.complete("hall", inMemory, 20).await())
                .containsExactly(sinceStartUnsaved, sinceStartSaved, beforeRestart2, beforeRestart1);
        assertThat(traces.complete("hall", inMemory, 3).await()).containsExactly(sinceStartUnsaved, sinceStartSaved, beforeRestart2);
        assertThat(traces.complete("hall", inMemory, 2).await()).isSameAs(inMemory);
    }

    @Test
    void aFullMemoryIsServedAsItIs() {
        save(run(0));
        List<AutomationRun> inMemory = new ArrayList<>();
        for (int i = AutomationRun.KEPT; i > 0; i--) inMemory.add(run(i));

        assertThat(new RecentTraces(vertx, store).complete("hall", inMemory, 200).await()).isSameAs(inMemory);
    }

    private void save(AutomationRun... runs) {
        database.session("test").transaction(c -> {
            TraceStore.save(c, List.of(runs));
            return null;
        });
    }

    private static AutomationRun run(int second) {
        Instant at = T0.plusSeconds(second);
        return new AutomationRun("hall", at, "state hall_motion.occupancy to true", AutomationRun.Outcome.RAN, List.of(), List.of(), at);
    }
}
