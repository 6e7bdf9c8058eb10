package dev.hearth.gateway.history;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first version kept a row per point in table {@code history}. Its points move into chunks, a batch per
 * transaction (the rows of a batch are deleted in the transaction that inserts their chunks, so a crash
 * half-way loses and repeats nothing), and the empty table is dropped. A new database drops it at once.
 */
final class LegacyHistory {
    private static final Logger log = LoggerFactory.getLogger(LegacyHistory.class);
    private static final int BATCH = 10_000;

    interface Inserter {
        void insert(Connection c, List<HistoryChunk> chunks) throws SQLException;
    }

    private LegacyHistory() {
    }

    static void moveToChunks(Session database, Inserter inserter) {
        if (!database.transaction(LegacyHistory::exists)) return;
        long moved = 0;
        int n;
        while ((n = database.transaction(c -> moveBatch(c, inserter))) > 0) moved += n;
        database.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE history");
            }
            return null;
        });
        if (moved > 0) log.info("History: {} points of the previous format moved to the new one", moved);
    }

    private static boolean exists(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'HISTORY'");
             ResultSet r = p.executeQuery()) {
            return r.next() && r.getInt(1) > 0;
        }
    }

    /** Moves the oldest rows (by id) into chunks; returns how many, 0 when none are left. */
    private static int moveBatch(Connection c, Inserter inserter) throws SQLException {
        Map<String, List<HistoryPoint>> bySeries = new LinkedHashMap<>();
        long lastId = -1;
        int rows = 0;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, device, attribute, at, kind, num, txt FROM history ORDER BY id LIMIT " + BATCH);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                lastId = r.getLong(1);
                rows++;
                HistoryPoint point = new HistoryPoint(new DeviceId(r.getString(2)), r.getString(3),
                        r.getObject(4, java.time.OffsetDateTime.class).toInstant(), value(r));
                bySeries.computeIfAbsent(point.device() + "\u0000" + point.attribute(), k -> new ArrayList<>()).add(point);
            }
        }
        if (rows == 0) return 0;
        List<HistoryChunk> chunks = new ArrayList<>();
        for (List<HistoryPoint> series : bySeries.values()) {
            chunks.addAll(HistoryChunk.of(series.get(0).device(), series.get(0).attribute(), series));
        }
        inserter.insert(c, chunks);
        try (PreparedStatement p = c.prepareStatement("DELETE FROM history WHERE id <= ?")) {
            p.setLong(1, lastId);
            p.executeUpdate();
        }
        return rows;
    }

    private static Value value(ResultSet r) throws SQLException {
        return switch (r.getString(5)) {
            case "B" -> Value.of(r.getDouble(6) != 0);
            case "N" -> Value.of(r.getDouble(6));
            default -> Value.of(r.getString(7));
        };
    }
}
