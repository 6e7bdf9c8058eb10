package dev.hearth.gateway.journal;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.time.VirtualScheduler;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The child process of {@link JournalKillTest}: restores {@code counter.value} from the database in {@code args[0]},
 * prints {@code restored N}, then counts up through the journal, a change every few milliseconds, and prints
 * {@code committed N} each time the journal reports the batch holding N durable, until it is killed. {@code args[1]}: the
 * durability; {@code args[2]}, if given: H2's RETENTION_TIME in ms.
 */
public final class JournalWriter {
    private static final DeviceId COUNTER = new DeviceId("counter");

    public static void main(String[] args) {
        Database database = Database.open(Path.of(args[0]), Durability.valueOf(args[1]));
        AutomationStore store = new AutomationStore(database);
        // H2 reuses old chunks' space after RETENTION_TIME (45 s): shorter, so that every kill can land in that window
        if (args.length > 2) store.session().transaction(c -> c.createStatement().execute("SET RETENTION_TIME " + args[2]));
        long start = store.states().stream().mapToLong(s -> (long) ((Value.Number) s.value()).value()).max().orElse(0);
        System.out.println("restored " + start);
        System.out.flush();
        Vertx vertx = Vertx.vertx();
        AutomationJournal journal = new AutomationJournal(vertx, store, new VirtualScheduler(Instant.EPOCH, ZoneOffset.UTC),
                Duration.ofMinutes(1));
        vertx.runOnContext(v -> vertx.setPeriodic(3, new io.vertx.core.Handler<>() {
            long next = start + 1;

            @Override
            public void handle(Long id) {
                long n = next++;
                journal.stateChanged(new StateChanged(COUNTER, "value", Optional.empty(), Value.of(n), Instant.ofEpochMilli(n)));
                journal.written().onSuccess(w -> {
                    System.out.println("committed " + n);
                    System.out.flush();
                });
            }
        }));
    }
}
