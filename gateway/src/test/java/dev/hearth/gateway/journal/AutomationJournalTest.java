package dev.hearth.gateway.journal;

import dev.hearth.gateway.automation.run.EngineJournal.PendingTimer;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.time.VirtualScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automation journal writes a flood of changes as few batches, the last value of each attribute; traces wait in
 * memory and are saved every {@code SAVE_EVERY} (on the injected clock) and on a clean stop, only those kept.
 */
class AutomationJournalTest {
    static final Instant T0 = Instant.parse("2026-11-28T20:00:00Z");
    static final DeviceId SENSOR = new DeviceId("sensor");
    static final Duration SAVE_EVERY = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    Vertx vertx;
    Database database;
    AutomationStore store;
    AutomationJournal journal;
    VirtualScheduler clock = new VirtualScheduler(T0, ZoneOffset.UTC);

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        database = Database.open(dir, Durability.PROCESS);
        store = new AutomationStore(database);
        journal = new AutomationJournal(vertx, store, clock, SAVE_EVERY);
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
    void aCleanStopWritesTheNewestTracesOfEachAutomation() {
        onEventLoop(j -> {
            for (int i = 0; i < 120; i++) j.traced(run("busy", T0.plusSeconds(i)));
            j.traced(run("quiet", T0));
        });

        List<AutomationRun> busy = store.traces().read("busy", 1_000);
        assertThat(busy).hasSize(AutomationRun.KEPT);
        assertThat(busy.get(0).at()).isEqualTo(T0.plusSeconds(119));
        assertThat(busy.get(busy.size() - 1).at()).isEqualTo(T0.plusSeconds(120 - AutomationRun.KEPT));
        assertThat(store.traces().read("quiet", 10)).hasSize(1);
    }

    @Test
    void tracesWaitInMemoryUntilTheSaveIntervalWhileStateIsWrittenAtOnce() {
        onLoop(j -> {
            j.traced(run("hall", T0));
            j.stateChanged(new StateChanged(SENSOR, "occupancy", Optional.empty(), Value.of(true), T0));
            return j.written();
        });
        assertThat(store.states()).hasSize(1);
        assertThat(store.traces().read("hall", 10)).as("traces are not written with the state").isEmpty();

        onLoop(j -> {
            clock.advance(SAVE_EVERY.minusMillis(1));
            return j.written();
        });
        assertThat(store.traces().read("hall", 10)).isEmpty();

        onLoop(j -> {
            clock.advance(Duration.ofMillis(1));
            return j.written();
        });
        assertThat(store.traces().read("hall", 10)).singleElement().isEqualTo(run("hall", T0));
    }

    @Test
    void eachSaveWritesWhatRanSinceTheLastOneAndNothingWhenNothingRan() {
        onLoop(j -> {
            for (int i = 0; i < 3; i++) j.traced(run("hall", T0.plusSeconds(i)));
            clock.advance(SAVE_EVERY);
            return j.written();
        });
        onLoop(j -> {
            assertThat(clock.pending()).as("no save is scheduled while nothing ran").isZero();
            j.traced(run("hall", T0.plusSeconds(10)));
            clock.advance(SAVE_EVERY);
            return j.written();
        });

        assertThat(store.traces().read("hall", 100)).extracting(AutomationRun::at)
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(2), T0.plusSeconds(1), T0);
    }

    @Test
    void savedTracesSurviveReopeningTheDatabase() {
        AutomationRun failed = new AutomationRun("heat", T0, "numeric living.temperature below 20.0 for 1m", AutomationRun.Outcome.FAILED,
                List.of("passed: living.temperature below 20.0 (was 18.5)"),
                List.of(new AutomationRun.Step("command living_thermostat {mode=heat}", "failed: device \"offline\"", T0.plusMillis(3), 12)),
                T0.plusMillis(15));
        onEventLoop(j -> j.traced(failed));
        database.close();

        database = Database.open(dir, Durability.PROCESS);
        assertThat(new AutomationStore(database).traces().read("heat", 10)).containsExactly(failed);
    }

    @Test
    void whatArrivesWhileABatchIsWrittenIsTheNextBatchAndFlushWaitsForBoth() {
        CountDownLatch diskBusy = new CountDownLatch(1);
        onEventLoop(j -> {
            // The journal's writes queue behind this task (ordered on the same context): the first batch cannot finish
            // before the second change arrives, however the threads are scheduled.
            vertx.executeBlocking(() -> diskBusy.await(10, TimeUnit.SECONDS), true);
            j.stateChanged(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(20), T0));
            Future<Void> first = j.flush();
            j.stateChanged(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(21), T0.plusSeconds(1)));
            assertThat(first.isComplete()).as("the first batch is still being written").isFalse();
            diskBusy.countDown();
        });
        assertThat(store.states()).singleElement().extracting(AutomationStore.StoredState::value).isEqualTo(Value.of(21));
    }

    @Test
    void eachBatchIsOneRowOfTheLogFoldedIntoTheStateTableEveryCompactAfterBatches() {
        // The first batch after a start folds what an earlier run logged; then COMPACT_AFTER - 1 batches stay logged.
        for (int i = 0; i < AutomationJournal.COMPACT_AFTER; i++) {
            int n = i;
            onLoop(j -> {
                j.stateChanged(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(n), T0.plusSeconds(n)));
                j.stateChanged(new StateChanged(SENSOR, "humidity", Optional.empty(), Value.of(40), T0));
                return j.flush();
            });
        }
        assertThat(count("device_state_log")).isEqualTo(AutomationJournal.COMPACT_AFTER - 1);
        assertThat(tableValue()).as("the state table still holds the first batch's").isEqualTo("0");
        assertThat(store.states()).extracting(AutomationStore.StoredState::attribute, AutomationStore.StoredState::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("temperature", Value.of(AutomationJournal.COMPACT_AFTER - 1)),
                        org.assertj.core.groups.Tuple.tuple("humidity", Value.of(40)));

        onLoop(j -> {
            j.stateChanged(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(-1), T0.plusSeconds(1_000)));
            return j.flush();
        });
        assertThat(count("device_state_log")).isZero();
        assertThat(tableValue()).isEqualTo("-1");
        assertThat(count("device_state")).isEqualTo(2);
    }

    @Test
    void aValueTooLongToStoreCostsOnlyItselfNotTheOtherDevicesValuesOrTimersOfItsBatch() {
        PendingTimer hold = new PendingTimer("hall_light#0", PendingTimer.Kind.HOLD, "hall_light", 0, T0.plusSeconds(600),
                "state hall_motion.occupancy to false for 10m", "f1");
        Future<Void> first = onLoopResult(j -> {
            j.stateChanged(new StateChanged(new DeviceId("note"), "text", Optional.empty(), Value.of("x".repeat(5_000)), T0));
            j.stateChanged(new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(21.5), T0));
            j.timerStarted(hold);
            return j.flush();
        });
        Future<Void> second = onLoopResult(j -> {
            j.stateChanged(new StateChanged(SENSOR, "humidity", Optional.empty(), Value.of(40), T0.plusSeconds(1)));
            return j.flush();
        });
        database.close();

        database = Database.open(dir, Durability.PROCESS);
        AutomationStore reopened = new AutomationStore(database);
        assertThat(reopened.states()).extracting(AutomationStore.StoredState::device, AutomationStore.StoredState::attribute)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sensor", "temperature"),
                        org.assertj.core.groups.Tuple.tuple("sensor", "humidity"));
        assertThat(reopened.timers()).containsExactly(hold);
        assertThat(first.succeeded()).as("what could be saved was saved: " + first.cause()).isTrue();
        assertThat(second.succeeded()).as("the next batch is not held up by the bad value: " + second.cause()).isTrue();
    }

    private long count(String table) {
        return store.session().transaction(c -> {
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private String tableValue() {
        return store.session().transaction(c -> {
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(
                    "SELECT value_text FROM device_state WHERE attribute = 'temperature'")) {
                return r.next() ? r.getString(1) : null;
            }
        });
    }

    /** Runs {@code work} on an event loop, as the core does, and waits for the future it returns. */
    private void onLoop(Function<AutomationJournal, Future<Void>> work) {
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> {
            try {
                work.apply(journal).onComplete(done);
            } catch (Throwable e) {
                done.fail(e);
            }
        });
        done.future().await();
    }

    /** Runs {@code work} on an event loop and returns the future it returns, once complete, failed or not. */
    private Future<Void> onLoopResult(Function<AutomationJournal, Future<Void>> work) {
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> work.apply(journal).onComplete(done));
        try {
            done.future().await();
        } catch (RuntimeException e) {
            // the returned future says how it ended
        }
        return done.future();
    }

    /** Runs {@code work} on an event loop, as the core does, then stops cleanly: waits until everything it journaled is durable. */
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
