package dev.hearth.gateway.core;

import dev.hearth.gateway.automation.AutomationRun;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.AutomationStore;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The automation journal writes a flood of changes as few batches: the last value of each attribute, every trace kept. */
class AutomationJournalTest {
    static final Instant T0 = Instant.parse("2026-11-28T20:00:00Z");
    static final DeviceId SENSOR = new DeviceId("sensor");

    @TempDir
    Path dir;
    Vertx vertx;
    Database database;
    AutomationStore store;
    AutomationJournal journal;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        database = Database.open(dir, Durability.PROCESS);
        store = new AutomationStore(database);
        journal = new AutomationJournal(vertx, store);
    }

    @AfterEach
    void close() {
        vertx.close().await();
        database.close();
    }

    @Test
    void aFloodOfChangesIsOneCommitHoldingTheLastValueOfEachAttribute() {
        long commitsBefore = database.commits();
        onEventLoop(j -> {
            for (int i = 0; i < 10_000; i++) {
                j.stateChanged(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(20 + i / 100.0), T0.plusMillis(i)));
                j.stateChanged(new StateChanged(SENSOR, "humidity", Optional.empty(), Value.of(i % 100), T0.plusMillis(i)));
            }
        });

        assertThat(database.commits() - commitsBefore).isEqualTo(1);
        assertThat(store.states()).extracting(AutomationStore.StoredState::attribute, AutomationStore.StoredState::value,
                        AutomationStore.StoredState::lastChanged)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("temperature", Value.of(20 + 9_999 / 100.0), T0.plusMillis(9_999)),
                        org.assertj.core.groups.Tuple.tuple("humidity", Value.of(99), T0.plusMillis(9_999)));
    }

    @Test
    void theTracesOfOneBatchAreAllWrittenAndEachAutomationKeepsItsNewest() {
        onEventLoop(j -> {
            for (int i = 0; i < 120; i++) j.traced(run("busy", T0.plusSeconds(i)));
            j.traced(run("quiet", T0));
        });

        List<AutomationRun> busy = store.traces("busy", 1_000);
        assertThat(busy).hasSize(AutomationStore.TRACES_KEPT);
        assertThat(busy.get(0).at()).isEqualTo(T0.plusSeconds(119));
        assertThat(busy.get(busy.size() - 1).at()).isEqualTo(T0.plusSeconds(120 - AutomationStore.TRACES_KEPT));
        assertThat(store.traces("quiet", 10)).hasSize(1);
    }

    @Test
    void whatArrivesWhileABatchIsWrittenIsTheNextBatchAndFlushWaitsForBoth() {
        onEventLoop(j -> {
            j.stateChanged(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(20), T0));
            Future<Void> first = j.flush();
            j.stateChanged(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(21), T0.plusSeconds(1)));
            assertThat(first.isComplete()).as("the first batch is still being written").isFalse();
        });
        assertThat(store.states()).singleElement().extracting(AutomationStore.StoredState::value).isEqualTo(Value.of(21));
    }

    /** Runs {@code work} on an event loop, as the core does, then waits until everything it journaled is durable. */
    private void onEventLoop(Consumer<AutomationJournal> work) {
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> {
            try {
                work.accept(journal);
                journal.flush().onComplete(done);
            } catch (Throwable e) {
                done.fail(e);
            }
        });
        done.future().await();
    }

    private static AutomationRun run(String automation, Instant at) {
        return new AutomationRun(automation, at, "state motion.occupancy to true", AutomationRun.Outcome.RAN, List.of(), List.of(), at);
    }
}
