package dev.hearth.gateway.store;

import org.h2.api.ErrorCode;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's H2 file database (outbox, device state, timers, history, traces). One connection,
 * used from one thread at a time: callers run it off the event loop. Each feature owns its tables
 * and migrates them with {@link #migrate}.
 */
public final class Database implements AutoCloseable {
    private final Path file;
    private final Durability durability;
    private final Connection connection;
    private final LongAdder commits = new LongAdder();
    private Optional<DatabaseRecovery.Recovered> recovered = Optional.empty();

    private Database(Path file, Durability durability, Connection connection) {
        this.file = file;
        this.durability = durability;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) {@code <dataDir>/hearth.mv.db}. A file in use by another process is a
     * clear error; a corrupt one is moved aside, salvaged into a fresh file, and reported by {@link #recovered()}.
     */
    public static Database open(Path dataDir, Durability durability) {
        Path file = dataDir.resolve("hearth");
        try {
            Optional<DatabaseRecovery.Recovered> recovered = Optional.empty();
            Connection c;
            try {
                c = connect(file);
            } catch (SQLException e) {
                if (!isCorrupt(e)) throw e;
                Path aside = DatabaseRecovery.moveAside(file, java.time.Clock.systemUTC());
                c = connect(file);
                int salvaged = DatabaseRecovery.salvage(aside, c);
                recovered = Optional.of(new DatabaseRecovery.Recovered(Path.of(file + ".mv.db"), aside, salvaged, e.getMessage()));
            }
            Database db = new Database(file, durability, c);
            db.recovered = recovered;
            db.transaction(x -> {
                try (Statement s = x.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS schema_version (feature VARCHAR(64) PRIMARY KEY, version INT NOT NULL)");
                }
                return null;
            });
            return db;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new StoreException("database " + file + ".mv.db is in use by another process: is another Hearth"
                        + " (or an H2 console) running with the same gateway.data_dir? Stop it, or give this gateway its own data_dir.", e);
            }
            throw new StoreException("cannot open database " + file + ".mv.db: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("database " + file + ".mv.db is corrupt and could not be moved aside (" + e.getMessage()
                    + "); move or rename it yourself (keep it), then start again", e);
        }
    }

    /**
     * The {@code retry:} file system reopens the file when a thread is interrupted mid-write (Vert.x
     * interrupts its workers at shutdown); plain NIO would close the channel for every connection.
     */
    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:retry:" + file.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        c.setAutoCommit(false);
        return c;
    }

    private static boolean isCorrupt(SQLException e) {
        int code = e.getErrorCode();
        return code == ErrorCode.FILE_CORRUPTED_1 || code == ErrorCode.FILE_VERSION_ERROR_1 || code == ErrorCode.GENERAL_ERROR_1
                && String.valueOf(e.getMessage()).contains("corrupt");
    }

    /** Set when the file was corrupt at open: what was moved where and how much was salvaged. */
    public Optional<String> recovered() {
        return recovered.map(DatabaseRecovery.Recovered::describe);
    }

    public Path file() {
        return Path.of(file + ".mv.db");
    }

    /**
     * Applies the statements of {@code feature} not yet applied: the schema of a feature is the list
     * of its migrations, append-only.
     */
    public void migrate(String feature, List<String> statements) {
        transaction(c -> {
            int done = version(c, feature);
            try (Statement s = c.createStatement()) {
                for (int i = done; i < statements.size(); i++) s.execute(statements.get(i));
            }
            if (done < statements.size()) {
                try (PreparedStatement p = c.prepareStatement("MERGE INTO schema_version KEY (feature) VALUES (?, ?)")) {
                    p.setString(1, feature);
                    p.setInt(2, statements.size());
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Runs {@code work} in one transaction: committed (and with {@link Durability#POWER} synced) or rolled back. */
    public synchronized <T> T transaction(Sql<T> work) {
        try {
            T result = work.run(connection);
            connection.commit();
            commits.increment();
            if (durability == Durability.POWER) sync();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("database " + file() + ": " + e.getMessage(), e);
        }
    }

    /** Number of commits so far: each is a write to the storage device. */
    public long commits() {
        return commits.sum();
    }

    public Durability durability() {
        return durability;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("database " + file() + " did not close cleanly: " + e.getMessage(), e);
        }
    }

    private void sync() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    private static int version(Connection c, String feature) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT version FROM schema_version WHERE feature = ?")) {
            p.setString(1, feature);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }
}
