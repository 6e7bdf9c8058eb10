package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Delivery;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.Transport;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-process path into the outbox: what comes before the outbox has started waits for it in order, from any
 * thread; an inbound message is acknowledged only once the commands published before it are safe.
 */
class InProcessPathTest {
    private static final long TOKEN = 42;
    @TempDir
    Path dir;
    private Vertx vertx;
    private Context context;
    private Database db;
    private final HeldTransport transport = new HeldTransport();
    private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    private Outbox outbox;
    private InProcessPath path;

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        db = Database.open(dir, Durability.PROCESS);
        outbox = new Outbox(vertx, new OutboxStore(db), transport, OutboxSettings.DEFAULTS, Clock.systemUTC(), "test", Optional.empty());
        CompletableFuture<InProcessPath> created = new CompletableFuture<>();
        context.runOnContext(v -> created.complete(new InProcessPath(context, outbox, acknowledged::add)));
        path = created.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        vertx.close().await();
        db.close();
    }

    @Test
    void whatComesBeforeTheOutboxStartedWaitsForItInOrder() {
        Future<Void> first = path.publish(command("first"));
        path.handled(TOKEN);
        Future<Void> second = path.publish(command("second"));
        onLoop(() -> { }); // the calls above have hopped to the loop by now
        assertThat(transport.sent).isEmpty();
        assertThat(acknowledged).isEmpty();

        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> transport.sent.size() == 2);
        assertThat(transport.topics()).containsExactly("home/first/set", "home/second/set");
        onLoop(transport::answerAll);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.succeeded() && second.succeeded());
    }

    @Test
    void anInboundMessageIsAcknowledgedOnceItsCommandIsSafe() {
        start();

        path.publish(command("lamp"));
        path.handled(TOKEN);

        // The broker never answers: the command is safe once its row is committed, and only then acknowledged.
        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.contains(TOKEN));
        assertThat(new OutboxStore(db).queued()).extracting(q -> q.publication().topic()).containsExactly("home/lamp/set");
    }

    @Test
    void acknowledgementsGoOutInArrivalOrderWhateverOrderTheMessagesAreHandledIn() {
        start();
        // an event held until automations arm (1), then retained states applied at once (2, 3)
        path.arrived(1);
        path.arrived(2);
        path.arrived(3);

        path.handled(2);
        path.handled(3);
        onLoop(() -> { });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(acknowledged::isEmpty);

        path.handled(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.size() == 3);
        assertThat(acknowledged).containsExactly(1L, 2L, 3L);
    }

    @Test
    void messagesOfALostConnectionNoLongerHoldBackTheNextOnes() {
        start();
        path.arrived(1); // never handled before the connection went: the broker sends it again
        path.connectionLost();
        path.arrived(7);

        path.handled(7);

        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.contains(7L));
        assertThat(acknowledged).containsExactly(7L);
    }

    private void start() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        context.runOnContext(v -> outbox.start().onSuccess(x -> {
            path.started();
            started.complete(null);
        }));
        started.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private void onLoop(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            task.run();
            done.complete(null);
        });
        done.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static Publication command(String device) {
        return new Publication("home/" + device + "/set", "{\"state\":\"ON\"}".getBytes(StandardCharsets.UTF_8), 1, false,
                Publication.Kind.COMMAND, Map.of());
    }

    /** A connected broker that answers only when told to. */
    private static final class HeldTransport implements Transport {
        final List<Publication> sent = new CopyOnWriteArrayList<>();
        final List<Promise<Delivery>> answers = new CopyOnWriteArrayList<>();

        @Override
        public Future<Delivery> send(Publication publication, Optional<Instant> expiresAt) {
            Promise<Delivery> answer = Promise.promise();
            sent.add(publication);
            answers.add(answer);
            return answer.future();
        }

        @Override
        public boolean ready() {
            return true;
        }

        List<String> topics() {
            return sent.stream().map(Publication::topic).toList();
        }

        void answerAll() {
            answers.forEach(a -> a.tryComplete(new Delivery.Acknowledged()));
        }
    }
}
