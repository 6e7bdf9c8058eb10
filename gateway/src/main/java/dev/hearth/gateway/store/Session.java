package dev.hearth.gateway.store;

import org.h2.mvstore.MVStoreException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One feature's H2 connection to the gateway's database file. Each feature (outbox, history,
 * automation journal…) has its own, so that one feature's transaction never waits for another's:
 * they touch disjoint tables, and H2 serialises only the short commit to the file. Used from one
 * thread at a time (callers run it off the event loop).
 */
public final class Session {
    private final String name;
    private final Database database;
    private final Durability durability;
    private final LongAdder commits;
    /** Opened at the first transaction, and again after the database reopened its file. */
    private volatile Connection connection;
    private int generation = -1;

    Session(String name, Database database, Durability durability, LongAdder commits) {
        this.name = name;
        this.database = database;
        this.durability = durability;
        this.commits = commits;
    }

    public String name() {
        return name;
    }

    /** The database file, for messages. */
    public Path file() {
        return database.file();
    }

    /**
     * Runs {@code work} in one transaction: committed (and with {@link Durability#POWER} synced) or rolled back.
     * {@link StoreUnavailable} when the file cannot be written at all for now (see {@link Database}).
     */
    public synchronized <T> T transaction(Sql<T> work) {
        int at = current();
        try {
            T result = work.run(connection);
            connection.commit();
            commits.increment();
            if (durability == Durability.POWER) sync();
            return result;
        } catch (SQLException | MVStoreException e) {
            rollbackQuietly();
            throw database.failed(e, at);
        }
    }

    /** Connects (again) when the database's file was (re)opened since this session's last transaction. */
    private int current() {
        int now = database.writable();
        if (now == generation) return now;
        Database.closeQuietly(connection);
        try {
            connection = database.connect();
        } catch (SQLException e) {
            connection = null;
            throw database.failed(e, now);
        }
        generation = now;
        return now;
    }

    /**
     * Applies the statements of {@code feature} not yet applied: the schema of a feature is the list
     * of its migrations, append-only ({@link Migrations} checks the applied ones' order and checksums).
     */
    public void migrate(String feature, List<String> statements) {
        transaction(c -> {
            int done = version(c, feature);
            Migrations.apply(c, feature, statements, done);
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

    /** Waits for a transaction under way, unless the store is lost: then one may hang inside H2 for good. */
    void close(boolean lost) throws SQLException {
        if (lost) {
            Database.closeQuietly(connection);
            return;
        }
        synchronized (this) {
            if (connection != null) connection.close();
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
        } catch (SQLException | RuntimeException ignored) {
            // the original failure is what matters
        }
    }
}
