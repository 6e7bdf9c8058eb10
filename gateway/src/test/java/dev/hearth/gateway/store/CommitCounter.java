package dev.hearth.gateway.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * The child process of {@link DatabaseKillTest}: reads the counter back from the database in {@code args[0]}, prints
 * {@code restored N}, then commits N+1, N+2, … one {@code MERGE} per transaction as fast as it can, printing
 * {@code committed N} after each commit returned, until it is killed. {@code args[1]}: H2's RETENTION_TIME in ms.
 */
public final class CommitCounter {
    public static void main(String[] args) {
        Database database = Database.open(Path.of(args[0]), Durability.PROCESS);
        Session session = database.session("counter");
        session.migrate("counter", List.of("CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT NOT NULL)"));
        // H2 reuses the space of a dead chunk once it is RETENTION_TIME old (45 s): a shorter one reaches that within the
        // second of life a child gets, not after a minute of kills
        session.transaction(c -> c.createStatement().execute("SET RETENTION_TIME " + args[1]));
        long start = session.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT n FROM counter WHERE id = 1"); ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
        System.out.println("restored " + start);
        System.out.flush();
        for (long n = start + 1; ; n++) {
            long value = n;
            session.transaction(c -> {
                try (PreparedStatement p = c.prepareStatement("MERGE INTO counter KEY (id) VALUES (1, ?)")) {
                    p.setLong(1, value);
                    return p.executeUpdate();
                }
            });
            System.out.println("committed " + n);
            System.out.flush();
        }
    }
}
