package dev.hearth.gateway.logbook;

import dev.hearth.gateway.store.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves a logbook written before the chunks (the table {@code logbook}, a row per entry) into chunks at the first start,
 * a batch of rows per transaction, oldest first, then drops the table. The chunks' newest id is how far it got (nothing
 * else writes chunks before the move ends), so a stop halfway loses and repeats nothing; rows are not deleted one by
 * one (that tripled the move's time). A migration in Java, after the SQL ones, because the chunks' encoding is Java's.
 */
final class LegacyRows {
    private static final int BATCH = 16_384;

    private LegacyRows() {
    }

    static void move(Session database) {
        boolean more = database.transaction(LegacyRows::present);
        while (more) more = database.transaction(LegacyRows::moveBatch);
    }

    private static boolean present(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = 'LOGBOOK'"); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1) > 0;
        }
    }

    /** Moves the oldest rows not moved yet; drops the table once they were the last. Whether rows are left. */
    private static boolean moveBatch(Connection c) throws SQLException {
        List<LogbookEntry> rows = after(c, LogbookChunks.lastId(c));
        if (!rows.isEmpty()) LogbookChunks.insert(c, rows);
        if (rows.size() == BATCH) return true;
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE logbook");
        }
        return false;
    }

    private static List<LogbookEntry> after(Connection c, long moved) throws SQLException {
        List<LogbookEntry> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, at_us, kind, device, room, automation, text FROM logbook"
                + " WHERE id > ? ORDER BY id LIMIT ?")) {
            p.setLong(1, moved);
            p.setInt(2, BATCH);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    // As the row-per-entry logbook read them: an unknown kind showed as a state change.
                    rows.add(new LogbookEntry(r.getLong(1), Instant.EPOCH.plus(r.getLong(2), ChronoUnit.MICROS),
                            LogbookEntry.Kind.named(r.getString(3)).orElse(LogbookEntry.Kind.STATE),
                            Optional.ofNullable(r.getString(4)), Optional.ofNullable(r.getString(5)),
                            Optional.ofNullable(r.getString(6)), r.getString(7)));
                }
            }
        }
        return rows;
    }
}
