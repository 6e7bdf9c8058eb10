package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.TraceStore;
import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.device.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart is a new engine given what the journal kept (here through a real H2 database): a {@code for:} continues
 * to its wall-clock moment or fires at once if that passed, a {@code delay} resumes, a changed automation is reported.
 */
class RestartTest {
    private static final String QUIET_OFF = """
            automations:
              - id: quiet_off
                triggers: [ { trigger: state, device: pir, attribute: occupancy, to: false, for: 5m } ]
                actions: [ { command: { device: lamp, set: { state: "OFF" } } } ]
            """;
    private static final String PULSE = """
            automations:
              - id: pulse
                triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                actions:
                  - command: { device: lamp, set: { state: "ON" } }
                  - delay: 2m
                  - command: { device: lamp, set: { state: "OFF" } }
            """;

    @TempDir
    Path dir;

    @Test
    void aForThatWasRunningContinuesToItsWallClockMoment() {
        // for: 5m started at 18:00, the gateway stopped at 18:01 and came back at 18:03: it fires at 18:05.
        EngineHarness after = restartWithMotion(Duration.ofMinutes(2), Map.of());
        after.advance(Duration.ofMinutes(1).plusSeconds(59));
        assertThat(after.commands).isEmpty();
        after.advance(Duration.ofSeconds(1));
        assertThat(after.commandTexts()).containsExactly("lamp {state=OFF}");
    }

    @Test
    void aForWhoseMomentPassedWhileDownFiresAtOnce() {
        EngineHarness after = restartWithMotion(Duration.ofHours(1), Map.of());
        after.advance(Duration.ZERO);
        assertThat(after.commandTexts()).containsExactly("lamp {state=OFF}");
    }

    @Test
    void aForInterruptedWhileDownIsTracedAndDoesNotFire() {
        EngineHarness after = restartWithMotion(Duration.ofMinutes(1), Map.of("pir.occupancy", Value.of(true)));
        after.advance(Duration.ofMinutes(10));
        assertThat(after.commands).isEmpty();
        assertThat(after.runs).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AutomationRun.Outcome.FOR_INTERRUPTED);
            assertThat(r.details().get(0)).contains("pir.occupancy is now true");
        });
    }

    private EngineHarness restartWithMotion(Duration down, Map<String, Value> stateAfter) {
        return restartWith(QUIET_OFF, QUIET_OFF, h -> {
            h.set("pir", "occupancy", true);
            h.set("pir", "occupancy", false);
            h.advance(Duration.ofMinutes(1));
        }, down, stateAfter);
    }

    private EngineHarness restartWith(String before, String after, java.util.function.Consumer<EngineHarness> script,
                                      Duration down, Map<String, Value> stateAfter) {
        EngineHarness first = new EngineHarness();
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            new AutomationStore(db);
            first.load(before);
            script.accept(first);
            db.session("test").transaction(c -> {
                for (EngineJournal.PendingTimer t : first.journal.timers.values()) AutomationStore.saveTimer(c, t);
                return null;
            });
        }
        EngineHarness second = new EngineHarness(first.time.now().plus(down), ZoneId.of("UTC"));
        second.state.putAll(first.state);
        second.state.putAll(stateAfter);
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            AutomationStore store = new AutomationStore(db);
            second.build(EngineHarness.parse(after));
            second.engine.arm(store.timers(), store.clocks());
        }
        return second;
    }

    @Test
    void aDelayInProgressIsResumedAfterARestart() {
        EngineHarness after = restartWith(PULSE, PULSE, h -> {
            h.set("pir", "occupancy", false);
            h.set("pir", "occupancy", true);
            h.advance(Duration.ofSeconds(30));
        }, Duration.ofSeconds(30), Map.of());
        after.advance(Duration.ofSeconds(59));
        assertThat(after.commands).isEmpty();
        after.advance(Duration.ofSeconds(1));
        assertThat(after.commandTexts()).containsExactly("lamp {state=OFF}");
        assertThat(after.lastRun().outcome()).isEqualTo(AutomationRun.Outcome.RAN);
        assertThat(after.lastRun().trigger()).contains("resumed after restart");
    }

    @Test
    void aDelayOfAnAutomationThatChangedWhileDownIsReportedAsInterrupted() {
        EngineHarness after = restartWith(PULSE, PULSE.replace("delay: 2m", "delay: 3m"), h -> {
            h.set("pir", "occupancy", false);
            h.set("pir", "occupancy", true);
        }, Duration.ofSeconds(30), Map.of());
        after.advance(Duration.ofMinutes(5));
        assertThat(after.commands).isEmpty();
        assertThat(after.runs).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(AutomationRun.Outcome.INTERRUPTED_BY_RESTART));
    }

    @Test
    void theStoreKeepsStateTracesAndClocksAcrossReopening() {
        EngineHarness home = new EngineHarness().load(QUIET_OFF);
        home.set("pir", "occupancy", true);
        home.set("pir", "occupancy", false);
        home.set("pir", "occupancy", true);
        Instant t = Instant.parse("2026-01-01T18:00:00Z");
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            new AutomationStore(db);
            db.session("test").transaction(c -> {
                AutomationStore.saveState(c, "thermo", "temperature", Value.of(20.5), t);
                AutomationStore.saveState(c, "pir", "occupancy", Value.of(true), t);
                AutomationStore.saveClock(c, "nightly#0", t);
                for (int i = 0; i < TraceStore.KEPT + 5; i++) TraceStore.save(c, home.runs.get(0));
                return null;
            });
        }
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            AutomationStore store = new AutomationStore(db);
            assertThat(store.states()).extracting(s -> s.device() + "." + s.attribute() + "=" + s.value())
                    .containsExactlyInAnyOrder("thermo.temperature=20.5", "pir.occupancy=true");
            assertThat(store.clocks()).containsEntry("nightly#0", t);
            List<AutomationRun> traces = store.traces().read("quiet_off", 100);
            assertThat(traces).hasSize(TraceStore.KEPT);
            assertThat(traces.get(0)).isEqualTo(home.runs.get(0));
        }
    }

    @Test
    void aRunWaitingWhenTheGatewayStoppedIsReportedAsInterrupted() {
        String waiting = """
                automations:
                  - id: waiter
                    triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                    actions:
                      - wait: { condition: { condition: state, device: window, attribute: contact, is: false }, timeout: 10m }
                      - command: { device: lamp, set: { state: "ON" } }
                """;
        EngineHarness after = restartWith(waiting, waiting, h -> {
            h.set("window", "contact", true);
            h.set("pir", "occupancy", false);
            h.set("pir", "occupancy", true);
        }, Duration.ofMinutes(1), Map.of());
        assertThat(after.runs).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AutomationRun.Outcome.INTERRUPTED_BY_RESTART);
            assertThat(r.details().get(0)).contains("the run was in a wait").contains("a wait cannot be resumed");
        });
    }
}
