package dev.hearth.gateway.store;

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
    private final Path file;
    private final Durability durability;
    private final Connection connection;
    private final LongAdder commits;

    Session(String name, Path file, Durability durability, Connection connection, LongAdder commits) {
        this.name = name;
        this.file = file;
        this.durability = durability;
        this.connection = connection;
        this.commits = commits;
    }

    public String name() {
        return name;
    }

    /** The database file, for messages. */
    public Path file() {
        return file;
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
            throw new StoreException("database " + file + ": " + e.getMessage(), e);
        }
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

    synchronized void close() throws SQLException {
        connection.close();
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
