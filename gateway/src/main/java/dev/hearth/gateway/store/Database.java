package dev.hearth.gateway.store;

import org.h2.api.ErrorCode;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's H2 file database (outbox, device state, timers, history, traces). Each feature owns
 * its tables, works through its own {@link #session(String) session} (an H2 connection of its own,
 * so that a history flush never holds up an outbox commit) and migrates its tables with
 * {@link Session#migrate}.
 */
public final class Database implements AutoCloseable {
    private final Path file;
    private final Durability durability;
    private final LongAdder commits = new LongAdder();
    /** Opened first, kept open until close: it holds the file open and owns schema_version. */
    private final Session schema;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private boolean closed;
    private Optional<DatabaseRecovery.Recovered> recovered = Optional.empty();

    private Database(Path file, Durability durability, Connection connection) {
        this.file = file;
        this.durability = durability;
        this.schema = new Session("schema", Path.of(file + ".mv.db"), durability, connection, commits);
    }

    /**
     * Opens (creating if needed) {@code <dataDir>/hearth.mv.db}. A file in use by another process is a
     * clear error; a corrupt one is moved aside, salvaged into a fresh file, and reported by {@link #recovered()}.
     */
    public static Database open(Path dataDir, Durability durability) {
        Path file = dataDir.resolve("hearth");
        try {
            Optional<DatabaseRecovery.Recovered> recovered = Optional.empty();
            UncleanShutdown.settle(Path.of(file + ".mv.db"));
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
            db.schema.transaction(x -> {
                try (Statement s = x.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS schema_version (feature VARCHAR(64) PRIMARY KEY, version INT NOT NULL)");
                    s.execute(Migrations.TABLE);
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
     * {@code COMPRESS=TRUE}: pages are LZF-compressed as they are written. Each commit rewrites
     * ~12 KiB of pages whatever it holds, and rows of short JSON compress well: an outbox backlog
     * appended and drained writes about half the bytes (SD-card wear), for little CPU.
     */
    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:retry:" + file.toAbsolutePath()
                + ";WRITE_DELAY=0;COMPRESS=TRUE;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + cacheKib(Runtime.getRuntime().maxMemory()));
        c.setAutoCommit(false);
        return c;
    }

    /**
     * H2's page cache (one per file, shared by every session), in KiB: a sixteenth of the heap, at
     * least 1 MiB and at most H2's own default of 16 MiB. H2's default is a quarter of a 64 MiB heap
     * and fills as history and traces grow; the pages in use (device state, the outbox's window, the
     * newest traces) fit in a few MiB, and every cached page is live heap the collector copies.
     * A bigger {@code -Xmx} gets a bigger cache.
     */
    static int cacheKib(long maxHeapBytes) {
        long sixteenth = maxHeapBytes / 16 / 1024;
        return (int) Math.max(1024, Math.min(16 * 1024, sixteenth));
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
     * The connection of {@code feature} (created on first use, the same one afterwards): its
     * transactions never wait for another feature's.
     */
    public synchronized Session session(String feature) {
        Session existing = sessions.get(feature);
        if (existing != null) return existing;
        if (closed) throw new StoreException("database " + file() + " is closed", null);
        try {
            Session created = new Session(feature, file(), durability, connect(file), commits);
            sessions.put(feature, created);
            return created;
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + file() + " for " + feature + ": " + e.getMessage(), e);
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
        if (closed) return;
        closed = true;
        try {
            for (Session s : sessions.values()) s.close();
            // the last connection closes the file
            schema.close();
        } catch (SQLException e) {
            throw new StoreException("database " + file() + " did not close cleanly: " + e.getMessage(), e);
        }
    }

}
