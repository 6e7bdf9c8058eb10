package dev.hearth.gateway.store;

import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's H2 file database (outbox, device state, timers, history, traces). Each feature owns
 * its tables, works through its own {@link #session(String) session} (an H2 connection of its own,
 * so that a history flush never holds up an outbox commit) and migrates its tables with
 * {@link Session#migrate}.
 * <p>
 * When the file cannot be written (a full disk: H2 closes its store at the first failed write), the database is
 * {@link #problem() unavailable}: every transaction is refused at once with {@link StoreUnavailable} (a statement on
 * H2's closed store can hang for good), and every few seconds one of them first reopens the file and proves it with a
 * write. Once that succeeds, each session reconnects before its next transaction. The reopened file holds every
 * commit that succeeded: a failed commit was reported to its caller as not written.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private final Path file;
    private final Durability durability;
    private final LongAdder commits = new LongAdder();
    private final Clock clock;
    /** Opened first, kept open until close (or the next reopen): it holds the file open and owns schema_version. */
    private Connection anchor;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private boolean closed;
    private Optional<DatabaseRecovery.Recovered> recovered = Optional.empty();
    /** Bumped at each reopen: a session whose connection is older reconnects. */
    private int generation;
    private Outage outage;

    private Database(Path file, Durability durability, Connection connection, Clock clock) {
        this.file = file;
        this.durability = durability;
        this.anchor = connection;
        this.clock = clock;
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
            Database db = new Database(file, durability, c, java.time.Clock.systemUTC());
            db.recovered = recovered;
            db.createTables();
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
    private void createTables() throws SQLException {
        try (Statement s = anchor.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (feature VARCHAR(64) PRIMARY KEY, version INT NOT NULL)");
            s.execute(Migrations.TABLE);
            s.execute(PROBE_TABLE);
        }
        anchor.commit();
        commits.increment();
    }

    /** One row, rewritten to prove a reopened file can be written. */
    private static final String PROBE_TABLE = "CREATE TABLE IF NOT EXISTS store_probe (id INT PRIMARY KEY, written_at_ms BIGINT NOT NULL)";

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
     * The session of {@code feature} (created on first use, the same one afterwards): its
     * transactions never wait for another feature's.
     */
    public synchronized Session session(String feature) {
        Session existing = sessions.get(feature);
        if (existing != null) return existing;
        if (closed) throw new StoreException("database " + file() + " is closed", null);
        Session created = new Session(feature, this, durability, commits);
        sessions.put(feature, created);
        return created;
    }

    /**
     * Empty while the file can be written; else why not, naming the directory and the kernel's words (what
     * {@code /health} shows).
     */
    public synchronized Optional<String> problem() {
        return Optional.ofNullable(outage).map(Outage::problem);
    }

    /**
     * The generation a session's connection must be of before a transaction: reopens the file first when it was
     * lost and a try is due; refuses at once while it is lost and none is.
     */
    synchronized int writable() {
        if (closed) throw new StoreException("database " + file() + " is closed", null);
        if (outage == null) return generation;
        if (outage.attemptDue() && outage.roomAgain()) reopen();
        if (outage != null) throw outage.refuse();
        return generation;
    }

    /** A new connection for a session of the current generation. */
    synchronized Connection connect() throws SQLException {
        return connect(file);
    }

    /**
     * What a failed transaction of a session at {@code sessionGeneration} becomes: {@link StoreUnavailable} when the
     * store is gone (the first such failure of the current generation begins an outage), else a plain error.
     */
    synchronized StoreException failed(Exception e, int sessionGeneration) {
        if (!Outage.isLost(e)) return new StoreException("database " + file() + ": " + e.getMessage(), e);
        if (outage == null && sessionGeneration == generation && !closed) outage = Outage.began(file(), clock, e);
        return outage != null ? outage.refuse() : new StoreUnavailable("database " + file() + ": " + e.getMessage(), e);
    }

    /**
     * Opens the file again, the way a start does (settled on its newest complete commit, never salvaged: a full disk
     * is not a corrupt file), and writes one row to prove it can.
     */
    private void reopen() {
        closeQuietly(anchor);
        Connection c = null;
        try {
            UncleanShutdown.settle(file());
            c = connect(file);
            writeProbe(c);
            c.commit();
            anchor = c;
            generation++;
            outage.ended();
            outage = null;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            anchor = null;
            outage.failedAgain(e);
            log.debug("Database {}: reopen failed: {}", file(), e.getMessage());
        }
    }

    /**
     * Writes one row, as a reopen proves itself: for a readiness check, which a read-only or full disk must fail (at
     * once while the file is lost, see {@link #writable}).
     */
    public void proveWritable() {
        session("probe").transaction(c -> {
            writeProbe(c);
            return null;
        });
    }

    private void writeProbe(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("MERGE INTO store_probe KEY (id) VALUES (1, ?)")) {
            p.setLong(1, clock.millis());
            p.executeUpdate();
        }
    }

    static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // a connection of a lost store: closing it is all that is left to do
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
    public void close() {
        List<Session> all;
        boolean lost;
        int current;
        synchronized (this) {
            if (closed) return;
            closed = true;
            all = List.copyOf(sessions.values());
            lost = outage != null;
            current = generation;
        }
        try {
            // a lost store's connections are closed without waiting for their sessions: one may hang inside H2
            for (Session s : all) s.close(lost, current);
            // the last connection closes the file
            if (anchor != null) anchor.close();
        } catch (SQLException e) {
            if (!lost) throw new StoreException("database " + file() + " did not close cleanly: " + e.getMessage(), e);
        }
    }

}
