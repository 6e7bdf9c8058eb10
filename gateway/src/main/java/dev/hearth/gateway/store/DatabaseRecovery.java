package dev.hearth.gateway.store;

import org.h2.tools.Recover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What happens to a database file H2 reports as corrupt: it is moved aside (never deleted), H2's
 * recovery tool reads what it can into an SQL script, and that script is replayed into a fresh file.
 */
final class DatabaseRecovery {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The outcome, for the log and for /health: where the old file is and how much came back. */
    public record Recovered(Path corruptFile, Path aside, int salvagedStatements, String problem) {
        public String describe() {
            return "database " + corruptFile + " is corrupt (" + problem + "). It was moved to " + aside
                    + " (kept, never deleted); " + (salvagedStatements > 0
                    ? salvagedStatements + " statements of data were salvaged into a fresh database"
                    : "nothing could be read from it, the gateway starts with a fresh database")
                    + ". Keep the old file to investigate (or to send with a bug report); delete it when you no longer need it.";
        }
    }

    private DatabaseRecovery() {
    }

    /** Moves {@code <base>.mv.db} aside and returns the script H2 could read from it (may be empty). */
    static Path moveAside(Path base, Clock clock) throws IOException {
        Path file = Path.of(base + ".mv.db");
        String asideName = base.getFileName() + "-corrupt-" + STAMP.format(clock.instant());
        Path aside = base.resolveSibling(asideName + ".mv.db");
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    /** Runs H2's recovery tool on the moved file; the number of INSERTs it found, 0 if it could read nothing. */
    static int salvage(Path aside, Connection fresh) {
        String name = aside.getFileName().toString().replace(".mv.db", "");
        Path script = aside.resolveSibling(name + ".h2.sql");
        try {
            Recover.execute(aside.getParent().toString(), name);
            if (!Files.exists(script)) return 0;
            long inserts;
            try (var lines = Files.lines(script)) {
                inserts = lines.filter(l -> l.startsWith("INSERT INTO")).count();
            }
            if (inserts == 0) return 0;
            try (Statement s = fresh.createStatement()) {
                s.execute("RUNSCRIPT FROM '" + script.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            fresh.commit();
            return (int) inserts;
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                fresh.rollback();
            } catch (SQLException ignored) {
                // the fresh database stays empty
            }
            return 0;
        }
    }
}
