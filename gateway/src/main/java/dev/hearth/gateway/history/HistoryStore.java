package dev.hearth.gateway.history;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attribute history in H2: every state change, kept for the retention period. Blocking JDBC:
 * call it off the event loop. Values keep their type (a kind letter and a number or a text).
 */
public final class HistoryStore {
    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE history (
              id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              device VARCHAR(64) NOT NULL,
              attribute VARCHAR(64) NOT NULL,
              at TIMESTAMP WITH TIME ZONE NOT NULL,
              kind CHAR(1) NOT NULL,
              num DOUBLE PRECISION,
              txt VARCHAR(1024))""",
            "CREATE INDEX history_by_attribute ON history (device, attribute, at)",
            "CREATE INDEX history_by_time ON history (at)");
    private static final int MAX_TEXT = 1024;

    private final Session database;

    public HistoryStore(Database database) {
        this.database = database.session("history");
        this.database.migrate("history", SCHEMA);
    }

    /** Appends the points in one transaction (one group commit for a whole batch). */
    public void append(List<HistoryPoint> points) {
        if (points.isEmpty()) return;
        database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO history (device, attribute, at, kind, num, txt) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (HistoryPoint point : points) {
                    bind(p, point);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /**
     * Points of {@code device} in {@code [from, to)}, oldest first, at most {@code limit}; only
     * {@code attribute} when given.
     */
    public List<HistoryPoint> query(DeviceId device, Optional<String> attribute, Instant from, Instant to, int limit) {
        String sql = "SELECT attribute, at, kind, num, txt FROM history WHERE device = ? AND at >= ? AND at < ?"
                + (attribute.isPresent() ? " AND attribute = ?" : "") + " ORDER BY at, id LIMIT ?";
        return database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = 1;
                p.setString(i++, device.value());
                p.setTimestamp(i++, Timestamp.from(from));
                p.setTimestamp(i++, Timestamp.from(to));
                if (attribute.isPresent()) p.setString(i++, attribute.get());
                p.setInt(i, limit);
                return read(device, p);
            }
        });
    }

    /** Deletes what is older than {@code cutoff}; returns how many points went. */
    public int deleteBefore(Instant cutoff) {
        return database.transaction(c -> deleteBefore(c, cutoff));
    }

    private static int deleteBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM history WHERE at < ?")) {
            p.setTimestamp(1, Timestamp.from(cutoff));
            return p.executeUpdate();
        }
    }

    private static void bind(PreparedStatement p, HistoryPoint point) throws SQLException {
        p.setString(1, point.device().value());
        p.setString(2, point.attribute());
        p.setTimestamp(3, Timestamp.from(point.at()));
        Value v = point.value();
        p.setString(4, kind(v));
        if (v instanceof Value.Text t) {
            p.setNull(5, Types.DOUBLE);
            p.setString(6, t.value().length() > MAX_TEXT ? t.value().substring(0, MAX_TEXT) : t.value());
        } else {
            p.setDouble(5, v instanceof Value.Number n ? n.value() : ((Value.Bool) v).value() ? 1 : 0);
            p.setNull(6, Types.VARCHAR);
        }
    }

    private static String kind(Value v) {
        if (v instanceof Value.Bool) return "B";
        return v instanceof Value.Number ? "N" : "T";
    }

    private static List<HistoryPoint> read(DeviceId device, PreparedStatement p) throws SQLException {
        List<HistoryPoint> points = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                Value value = switch (r.getString(3)) {
                    case "B" -> Value.of(r.getDouble(4) != 0);
                    case "N" -> Value.of(r.getDouble(4));
                    default -> Value.of(r.getString(5));
                };
                points.add(new HistoryPoint(device, r.getString(1), r.getTimestamp(2).toInstant(), value));
            }
        }
        return points;
    }
}
