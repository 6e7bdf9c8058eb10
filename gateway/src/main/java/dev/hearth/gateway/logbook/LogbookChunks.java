package dev.hearth.gateway.logbook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code logbook_chunk}: a row per run of consecutive entries (at most {@link #MAX_ENTRIES}, ids within
 * {@link #MAX_IDS}), keyed by its first id, with its last id, its earliest and latest time and the entries in
 * {@link ChunkCodec}'s bytes. An entry per row cost H2 a row's worth of work each (a Value per column, an undo-log
 * record, a B-tree insert), the largest CPU cost of a round trip; a chunk costs that once per few hundred entries.
 */
final class LogbookChunks {
    static final String TABLE = "CREATE TABLE logbook_chunk (first_id BIGINT PRIMARY KEY, last_id BIGINT NOT NULL,"
            + " min_at_us BIGINT NOT NULL, max_at_us BIGINT NOT NULL, entries INT NOT NULL, body VARBINARY NOT NULL)";
    /** A chunk's entries at most: a page of the API reads one or two. */
    static final int MAX_ENTRIES = 256;
    /** A chunk's ids span fewer than this, so the chunks holding an id range are found by a bounded key range. */
    static final long MAX_IDS = 1024;

    private LogbookChunks() {
    }

    /** A stored chunk: its key and last id, and its bytes, decoded on demand. */
    record Chunk(long firstId, long lastId, byte[] body) {
        /** Its entries; {@link ChunkCodec.Corrupt} naming the chunk if it cannot be read or holds other ids. */
        DecodedChunk decode() throws ChunkCodec.Corrupt {
            DecodedChunk decoded;
            try {
                decoded = ChunkCodec.decode(body);
            } catch (ChunkCodec.Corrupt e) {
                throw new ChunkCodec.Corrupt("logbook chunk " + firstId + ": " + e.getMessage());
            }
            if (decoded.id(0) != firstId || decoded.id(decoded.size() - 1) != lastId) {
                throw new ChunkCodec.Corrupt("logbook chunk " + firstId + ".." + lastId + " holds ids " + decoded.id(0) + ".."
                        + decoded.id(decoded.size() - 1));
            }
            return decoded;
        }
    }

    /** Writes {@code entries} (increasing ids) as chunks, in the caller's transaction. */
    static void insert(Connection c, List<LogbookEntry> entries) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO logbook_chunk VALUES (?, ?, ?, ?, ?, ?)")) {
            int start = 0;
            for (int i = 1; i <= entries.size(); i++) {
                if (i == entries.size() || i - start == MAX_ENTRIES || entries.get(i).id() - entries.get(start).id() >= MAX_IDS) {
                    add(p, entries.subList(start, i));
                    start = i;
                }
            }
            p.executeBatch();
        }
    }

    private static void add(PreparedStatement p, List<LogbookEntry> run) throws SQLException {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (LogbookEntry e : run) {
            long at = LogbookStore.micros(e.at());
            min = Math.min(min, at);
            max = Math.max(max, at);
        }
        p.setLong(1, run.get(0).id());
        p.setLong(2, run.get(run.size() - 1).id());
        p.setLong(3, min);
        p.setLong(4, max);
        p.setInt(5, run.size());
        p.setBytes(6, ChunkCodec.encode(run));
        p.addBatch();
    }

    /**
     * At most {@code limit} chunks, newest first, that start below {@code below}, at or below {@code atMost} and
     * above {@code above}, and hold times in {@code [fromUs, toUs)}.
     */
    static List<Chunk> newest(Connection c, long below, long atMost, long above, long fromUs, long toUs, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT first_id, last_id, body FROM logbook_chunk WHERE first_id < ? AND first_id <= ?"
                + " AND first_id > ? AND min_at_us < ? AND max_at_us >= ? ORDER BY first_id DESC LIMIT ?")) {
            p.setLong(1, below);
            p.setLong(2, atMost);
            p.setLong(3, above);
            p.setLong(4, toUs);
            p.setLong(5, fromUs);
            p.setInt(6, limit);
            List<Chunk> chunks = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) chunks.add(new Chunk(r.getLong(1), r.getLong(2), r.getBytes(3)));
            }
            return chunks;
        }
    }

    /** The oldest chunk holding an entry at or after {@code atUs}. */
    static Optional<Chunk> oldestReaching(Connection c, long atUs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT first_id, last_id, body FROM logbook_chunk WHERE max_at_us >= ?"
                + " ORDER BY first_id LIMIT 1")) {
            p.setLong(1, atUs);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new Chunk(r.getLong(1), r.getLong(2), r.getBytes(3))) : Optional.empty();
            }
        }
    }

    /** Deletes the chunks that start below {@code firstId}; returns how many entries they held. */
    static long deleteBelow(Connection c, long firstId) throws SQLException {
        long entries;
        try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(SUM(entries), 0) FROM logbook_chunk WHERE first_id < ?")) {
            p.setLong(1, firstId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                entries = r.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM logbook_chunk WHERE first_id < ?")) {
            p.setLong(1, firstId);
            p.executeUpdate();
        }
        return entries;
    }

    /** The newest id written, 0 for none. */
    static long lastId(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT last_id FROM logbook_chunk ORDER BY first_id DESC LIMIT 1");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
