package dev.hearth.gateway.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * A feature's migrations, append-only and checked: each applied statement's SHA-256 is kept
 * ({@code schema_migration}), so a migration edited after a release, or a database from a newer Hearth, stops the
 * start (the transaction's {@link StoreException}, nothing applied) instead of leaving a schema that is not the one the code expects. A database
 * from before the checksums gets them recorded from the statements of this version.
 */
final class Migrations {
    static final String TABLE = "CREATE TABLE IF NOT EXISTS schema_migration (feature VARCHAR(64) NOT NULL, version INT NOT NULL,"
            + " checksum VARCHAR(64) NOT NULL, PRIMARY KEY (feature, version))";

    private Migrations() {
    }

    /** Checks the applied statements, then applies the rest; {@code done} is schema_version's count for the feature. */
    static void apply(Connection c, String feature, List<String> statements, int done) throws SQLException {
        if (done > statements.size()) {
            throw new SQLException("written by a newer Hearth: its " + feature + " tables have " + done
                    + " migrations, this version knows " + statements.size() + "; start the newer version again");
        }
        for (int i = 0; i < done; i++) {
            String applied = checksum(c, feature, i + 1);
            String expected = sha256(statements.get(i));
            if (applied == null) record(c, feature, i + 1, expected);
            else if (!applied.equals(expected)) {
                throw new SQLException("migration " + (i + 1) + " of " + feature + " differs from the one applied to this"
                        + " database (checksum " + applied + ", now " + expected + "): migrations are append-only");
            }
        }
        try (Statement s = c.createStatement()) {
            for (int i = done; i < statements.size(); i++) {
                s.execute(statements.get(i));
                record(c, feature, i + 1, sha256(statements.get(i)));
            }
        }
    }

    private static String checksum(Connection c, String feature, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT checksum FROM schema_migration WHERE feature = ? AND version = ?")) {
            p.setString(1, feature);
            p.setInt(2, version);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static void record(Connection c, String feature, int version, String checksum) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_migration (feature, version, checksum) VALUES (?, ?, ?)")) {
            p.setString(1, feature);
            p.setInt(2, version);
            p.setString(3, checksum);
            p.executeUpdate();
        }
    }

    /** Of the statement's tokens: its layout (line breaks, indentation, spaces around brackets and commas) may change. */
    static String sha256(String statement) {
        String tokens = statement.strip().replaceAll("\\s+", " ").replaceAll(" ?([(),]) ?", "$1");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tokens.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
