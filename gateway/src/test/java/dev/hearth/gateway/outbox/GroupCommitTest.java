package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When the outbox's rows reach the disk: at once while they wait for the link, after a grace a PUBACK can spare. */
class GroupCommitTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private Context context;
    private Database db;
    private OutboxStore store;
    private final PendingWrites pending = new PendingWrites(System::nanoTime);
    private final List<Long> committed = new CopyOnWriteArrayList<>();
    private volatile boolean allHanded;
    private GroupCommit commits;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        db = Database.open(dir, Durability.PROCESS);
        store = new OutboxStore(db);
        commits = new GroupCommit(vertx, store, pending, new GroupCommit.Owner() {
            @Override
            public boolean allHanded() {
                return allHanded;
            }

            @Override
            public void committed(List<Queued> appended) {
                appended.forEach(q -> committed.add(q.id()));
            }

            @Override
            public void notCommitted(OutboxStore.Changes changes, Throwable cause) {
            }
        });
    }

    @AfterEach
    void close() {
        vertx.close().await();
        db.close();
    }

    @Test
    void aMessageWaitingForTheLinkIsCommittedAtOnce() {
        onLoop(() -> {
            pending.append(row(1));
            commits.flush();
            return null;
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> committed.contains(1L));
        assertThat(store.queued()).extracting(Queued::id).containsExactly(1L);
    }

    @Test
    void aMessageAcknowledgedWithinItsGraceNeverTouchesTheDisk() {
        allHanded = true;
        long before = db.commits();
        onLoop(() -> {
            Queued q = row(1);
            pending.append(q);
            commits.flush();
            pending.remove(q); // the PUBACK came before the grace ran out
            return null;
        });
        onLoop(commits::flushAll);

        assertThat(committed).isEmpty();
        assertThat(db.commits()).isEqualTo(before);
        assertThat(store.queued()).isEmpty();
    }

    @Test
    void aMessageInTheBrokersHandsIsCommittedOnceItsGraceIsOver() {
        allHanded = true;
        onLoop(() -> {
            pending.append(row(1));
            commits.flush();
            return null;
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> committed.contains(1L));
        assertThat(store.queued()).extracting(Queued::id).containsExactly(1L);
    }

    /** Runs {@code task} on the outbox's loop; when it returns a future, waits for that too. */
    private void onLoop(Supplier<?> task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            Object result = task.get();
            if (result instanceof io.vertx.core.Future<?> f) f.onComplete(r -> done.complete(null));
            else done.complete(null);
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Queued row(long id) {
        Instant now = Instant.now();
        Publication p = new Publication("home/lamp/set", "{\"state\":\"ON\"}".getBytes(StandardCharsets.UTF_8), 1, false,
                Publication.Kind.COMMAND, Map.of());
        return new Queued(id, p, now, now.plus(Duration.ofHours(1)), 0);
    }
}
