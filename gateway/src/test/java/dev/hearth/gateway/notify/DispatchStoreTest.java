package dev.hearth.gateway.notify;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Undelivered dispatches survive a restart in H2 with their attempts, and are attempted again after it. */
class DispatchStoreTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anUndeliveredDispatchIsKeptAcrossARestartAndDeliveredAfterIt(@TempDir Path dir) {
        VirtualScheduler time = new VirtualScheduler(START, ZoneOffset.UTC);
        Dispatch call = new Dispatch("porch", START, new Dispatch.HttpCall("PUT", "http://192.168.1.5/x", Map.of("X-Key", "k"),
                Optional.of("on"), Duration.ofMinutes(30)));
        // given: a first life in which the call failed once
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            DispatchStore store = new DispatchStore(db);
            Deliveries first = new Deliveries(NotifySettings.NONE, time, r -> CompletableFuture.failedFuture(new IllegalStateException("no route to host")),
                    journal(store), run -> { }, 0);
            first.accept(call);
        }
        // when: the gateway starts again with the network back
        List<AutomationRun> traces = new ArrayList<>();
        List<Dispatch.Request> sent = new ArrayList<>();
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            DispatchStore store = new DispatchStore(db);
            List<Pending> waiting = store.all();
            assertThat(waiting).singleElement().satisfies(p -> {
                assertThat(p.dispatch).isEqualTo(call);
                assertThat(p.expires).isEqualTo(START.plus(Duration.ofMinutes(30)));
                assertThat(p.steps).extracting(AutomationRun.Step::outcome).containsExactly("failed: no route to host");
            });
            Deliveries second = new Deliveries(NotifySettings.NONE, time, r -> {
                sent.add(r);
                return CompletableFuture.completedFuture(null);
            }, journal(store), traces::add, 0);
            second.restore(waiting);
            time.advance(Duration.ofSeconds(1));
            // then
            assertThat(sent).containsExactly(call.request());
            assertThat(traces).singleElement().satisfies(t -> {
                assertThat(t.outcome()).isEqualTo(AutomationRun.Outcome.RAN);
                assertThat(t.steps()).extracting(AutomationRun.Step::outcome).containsExactly("failed: no route to host", "ok");
            });
            assertThat(store.all()).isEmpty();
        }
    }

    /** Writes at once, on the caller's thread (the verticle writes on an ordered worker). */
    private static Deliveries.Journal journal(DispatchStore store) {
        return new Deliveries.Journal() {
            @Override
            public void queued(Pending p) {
                store.save(p.id, DispatchStore.encode(p).encode());
            }

            @Override
            public void attempted(Pending p) {
                store.save(p.id, DispatchStore.encode(p).encode());
            }

            @Override
            public void ended(long id) {
                store.delete(id);
            }
        };
    }
}
