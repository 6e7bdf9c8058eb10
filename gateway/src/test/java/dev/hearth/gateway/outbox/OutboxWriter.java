package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link OutboxKillTest}: opens the outbox in the database of {@code args[0]}, prints
 * {@code restored N} (the newest row left queued), then commits as the outbox does under a steady flow, one commit
 * per new command that also removes the one acknowledged 5 rows earlier, printing {@code committed N} once the commit
 * holding row N returned, until it is killed. {@code args[1]}: H2's RETENTION_TIME in ms (see CommitCounter).
 */
public final class OutboxWriter {
    private static final int IN_FLIGHT = 5;

    public static void main(String[] args) {
        Database database = Database.open(Path.of(args[0]), Durability.PROCESS);
        OutboxStore store = new OutboxStore(database);
        database.session("outbox").transaction(c -> c.createStatement().execute("SET RETENTION_TIME " + args[1]));
        long start = store.queued().stream().mapToLong(Queued::id).max().orElse(0);
        System.out.println("restored " + start);
        System.out.flush();
        byte[] payload = ("{\"state\":\"ON\",\"brightness\":200,\"note\":\"" + "x".repeat(150) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (long n = start + 1; ; n++) {
            Instant now = Instant.now();
            Queued row = new Queued(n, new Publication("z/light_" + n % 50 + "/set", payload, 1, false, Publication.Kind.COMMAND, Map.of()),
                    now, now.plusSeconds(300), 0);
            store.apply(new OutboxStore.Changes(List.of(row), n > IN_FLIGHT ? List.of(n - IN_FLIGHT) : List.of(), List.of(), List.of()));
            System.out.println("committed " + n);
            System.out.flush();
        }
    }
}
