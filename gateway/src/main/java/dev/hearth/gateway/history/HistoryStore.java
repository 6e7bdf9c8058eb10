package dev.hearth.gateway.history;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attribute history in H2: every state change, kept for the retention period. Blocking JDBC:
 * call it off the event loop. Values keep their type. The points of one attribute from one append
 * are one row ({@link HistoryChunk}): a sensor flood costs a row per attribute and flush, not per message.
 */
public final class HistoryStore {
    /**
     * Append-only. The first three statements are the row-per-point table of the first version; {@link
     * LegacyHistory} moves its rows into chunks and drops it.
     */
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
            "CREATE INDEX history_by_time ON history (at)",
            // No identity column: H2 commits the whole store each time an identity's cache of 32 values runs out,
            // which cost a third of a flush. The hidden _ROWID_ orders chunks that start at the same time.
            """
            CREATE TABLE history_chunk (
              device VARCHAR(64) NOT NULL,
              attribute VARCHAR(64) NOT NULL,
              first_us BIGINT NOT NULL,
              last_us BIGINT NOT NULL,
              points INT NOT NULL,
              data VARBINARY NOT NULL)""",
            "CREATE INDEX history_chunk_by_attribute ON history_chunk (device, attribute, first_us)",
            "CREATE INDEX history_chunk_by_end ON history_chunk (last_us)");

    private final Session database;

    public HistoryStore(Database database) {
        this.database = database.session("history");
        this.database.migrate("history", SCHEMA);
        LegacyHistory.moveToChunks(this.database, this::insert);
    }

    /** Appends the points in one transaction (one group commit for a whole batch). */
    public void append(List<HistoryPoint> points) {
        Map<HistoryChunk.Series, List<HistoryPoint>> bySeries = new LinkedHashMap<>();
        for (HistoryPoint p : points) bySeries.computeIfAbsent(new HistoryChunk.Series(p.device(), p.attribute()), k -> new ArrayList<>()).add(p);
        List<HistoryChunk> chunks = new ArrayList<>();
        bySeries.forEach((s, series) -> chunks.addAll(HistoryChunk.of(s.device(), s.attribute(), series)));
        write(chunks);
    }

    /** Writes chunks in one transaction. */
    void write(List<HistoryChunk> chunks) {
        if (chunks.isEmpty()) return;
        database.transaction(c -> {
            insert(c, chunks);
            return null;
        });
    }

    void insert(Connection c, List<HistoryChunk> chunks) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO history_chunk (device, attribute, first_us, last_us, points, data) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (HistoryChunk chunk : chunks) {
                p.setString(1, chunk.device().value());
                p.setString(2, chunk.attribute());
                p.setLong(3, chunk.firstMicros());
                p.setLong(4, chunk.lastMicros());
                p.setInt(5, chunk.count());
                p.setBytes(6, chunk.data());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Points of {@code device} in {@code [from, to)}, oldest first (in arrival order at equal times), at most
     * {@code limit}; only {@code attribute} when given.
     */
    public List<HistoryPoint> query(DeviceId device, Optional<String> attribute, Instant from, Instant to, int limit) {
        String sql = "SELECT attribute, first_us, last_us, points, data FROM history_chunk WHERE device = ?"
                + (attribute.isPresent() ? " AND attribute = ?" : "")
                + " AND first_us >= ? AND first_us < ? AND last_us >= ? ORDER BY first_us, _ROWID_";
        long fromMicros = HistoryChunk.micros(from);
        long toMicros = HistoryChunk.micros(to);
        return database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = 1;
                p.setString(i++, device.value());
                if (attribute.isPresent()) p.setString(i++, attribute.get());
                p.setLong(i++, fromMicros - HistoryChunk.MAX_SPAN.toNanos() / 1_000);
                p.setLong(i++, toMicros);
                p.setLong(i, fromMicros);
                return oldest(device, p, from, to, limit);
            }
        });
    }

    /**
     * Reads chunks in the order they start and keeps the points in range. Once {@code limit} points are kept and
     * a chunk starts after the newest of them, no later chunk holds an older point: the oldest {@code limit} are
     * known. Chunks of a device's attributes overlap in time, so the points are sorted at the end (a stable sort:
     * equal times keep the order they were read in, which is the order of arrival).
     */
    private static List<HistoryPoint> oldest(DeviceId device, PreparedStatement p, Instant from, Instant to, int limit) throws SQLException {
        List<HistoryPoint> kept = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long first = r.getLong(2);
                if (kept.size() >= limit && first > newest) break;
                HistoryChunk chunk = new HistoryChunk(device, r.getString(1), first, r.getLong(3), r.getInt(4), r.getBytes(5));
                for (HistoryPoint point : chunk.points()) {
                    if (point.at().isBefore(from) || !point.at().isBefore(to)) continue;
                    kept.add(point);
                    newest = Math.max(newest, HistoryChunk.micros(point.at()));
                }
                if (kept.size() > 4 * limit) newest = keepOldest(kept, limit);
            }
        }
        keepOldest(kept, limit);
        return kept;
    }

    /** Sorts by time, drops all but the oldest {@code limit}; returns the newest time kept. */
    private static long keepOldest(List<HistoryPoint> points, int limit) {
        points.sort(Comparator.comparing(HistoryPoint::at));
        if (points.size() > limit) points.subList(limit, points.size()).clear();
        return points.isEmpty() ? Long.MIN_VALUE : HistoryChunk.micros(points.get(points.size() - 1).at());
    }

    /**
     * Deletes the chunks whose newest point is older than {@code cutoff}; returns how many points went. A
     * chunk holds at most a flush's worth of one attribute, so a point may outlive the cutoff by that long.
     */
    public int deleteBefore(Instant cutoff) {
        long cutoffMicros = HistoryChunk.micros(cutoff);
        return database.transaction(c -> {
            int points;
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(SUM(points), 0) FROM history_chunk WHERE last_us < ?")) {
                p.setLong(1, cutoffMicros);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    points = r.getInt(1);
                }
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM history_chunk WHERE last_us < ?")) {
                p.setLong(1, cutoffMicros);
                p.executeUpdate();
            }
            return points;
        });
    }
}
