package dev.hearth.gateway.logbook;

import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The logbook in H2: an entry a row, kept for {@code history.retention}. Blocking JDBC: call it off the event loop.
 * Ids are given by the recorder (no identity column: H2 commits the whole store whenever an identity's cache runs
 * out, see HistoryStore), so a page's cursor is a plain id.
 */
public final class LogbookStore {
    /** Append-only. */
    static final List<String> SCHEMA = List.of("""
            CREATE TABLE logbook (
              id BIGINT PRIMARY KEY,
              at_us BIGINT NOT NULL,
              kind VARCHAR(16) NOT NULL,
              device VARCHAR(64),
              room VARCHAR(64),
              automation VARCHAR(128),
              text VARCHAR(1024) NOT NULL)""",
            "CREATE INDEX logbook_by_time ON logbook (at_us)",
            "CREATE INDEX logbook_by_device ON logbook (device, id)",
            "CREATE INDEX logbook_by_room ON logbook (room, id)",
            // Every index is a B-tree write (and an undo-log entry) per row, at a row per state change and per run:
            // with three, the logbook's inserts were the largest CPU cost of a round trip (bench/NOTES.md). Ids follow
            // time, so the primary key read newest first serves the time range and the coarse room filter; only the
            // device filter, which can be rare, keeps an index.
            "DROP INDEX logbook_by_time",
            "DROP INDEX logbook_by_room",
            // The device index was still about half of a row's cost (a write at a scattered place of its B-tree per
            // row): a device's entries are found through its spans of ids now (DeviceSpans), a row per device and append.
            "CREATE TABLE logbook_device_span (device VARCHAR(64) NOT NULL, first_id BIGINT NOT NULL, last_id BIGINT NOT NULL,"
                    + " first_at_us BIGINT NOT NULL, last_at_us BIGINT NOT NULL, PRIMARY KEY (device, first_id))",
            "INSERT INTO logbook_device_span SELECT device, MIN(id), MAX(id), MIN(at_us), MAX(at_us) FROM logbook WHERE device IS NOT NULL"
                    + " GROUP BY device, id / " + DeviceSpans.MAX_IDS,
            "DROP INDEX logbook_by_device");

    private final Session database;
    private final DeviceSpans spans = new DeviceSpans();

    public LogbookStore(Database database) {
        this.database = database.session("logbook");
        this.database.migrate("logbook", SCHEMA);
    }

    /** The newest id written, 0 for an empty logbook: the recorder counts on from it. */
    public long lastId() {
        return database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM logbook"); ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Appends the entries, in increasing id order, in one transaction (a group commit). Not concurrently. */
    public void append(List<LogbookEntry> entries) {
        if (entries.isEmpty()) return;
        spans.committed(database.transaction(c -> {
            insert(c, entries);
            return spans.write(c, entries);
        }));
    }

    private static void insert(Connection c, List<LogbookEntry> entries) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO logbook (id, at_us, kind, device, room, automation, text) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (LogbookEntry e : entries) {
                p.setLong(1, e.id());
                p.setLong(2, micros(e.at()));
                p.setString(3, e.kind().apiName());
                setOptional(p, 4, e.device());
                setOptional(p, 5, e.room());
                setOptional(p, 6, e.automation());
                p.setString(7, e.text());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * One page, newest first; it asks for one entry more than the page holds to know whether another page follows.
     * A device's page reads the rows inside its spans, newest span first, until the page is full.
     */
    public LogbookQuery.Page query(LogbookQuery q) {
        return database.transaction(c -> {
            List<LogbookEntry> entries = new ArrayList<>();
            if (q.device().isEmpty()) {
                entries.addAll(select(c, q, 0, Long.MAX_VALUE, q.limit() + 1));
            } else {
                for (long[] span : DeviceSpans.before(c, q.device().get(), q.before().orElse(Long.MAX_VALUE),
                        micros(q.from()), micros(q.to()))) {
                    entries.addAll(select(c, q, span[0], span[1], q.limit() + 1 - entries.size()));
                    if (entries.size() > q.limit()) break;
                }
            }
            if (entries.size() <= q.limit()) return new LogbookQuery.Page(entries, OptionalLong.empty());
            List<LogbookEntry> page = entries.subList(0, q.limit());
            return new LogbookQuery.Page(page, OptionalLong.of(page.get(page.size() - 1).id()));
        });
    }

    /** The query's entries with ids in {@code [firstId, lastId]}, newest first, at most {@code limit}. */
    private static List<LogbookEntry> select(Connection c, LogbookQuery q, long firstId, long lastId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, at_us, kind, device, room, automation, text FROM logbook"
                + " WHERE id >= ? AND id <= ? AND at_us >= ? AND at_us < ?");
        List<Object> args = new ArrayList<>(List.of(firstId, lastId, micros(q.from()), micros(q.to())));
        q.device().ifPresent(d -> { sql.append(" AND device = ?"); args.add(d); });
        q.room().ifPresent(r -> { sql.append(" AND room = ?"); args.add(r); });
        if (!q.kinds().isEmpty()) {
            sql.append(" AND kind IN (").append(String.join(", ", q.kinds().stream().map(k -> "?").toList())).append(")");
            q.kinds().forEach(k -> args.add(k.apiName()));
        }
        q.before().ifPresent(b -> { sql.append(" AND id < ?"); args.add(b); });
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) p.setObject(i + 1, args.get(i));
            return read(p);
        }
    }

    private static List<LogbookEntry> read(PreparedStatement p) throws SQLException {
        List<LogbookEntry> entries = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                entries.add(new LogbookEntry(r.getLong(1), Instant.EPOCH.plus(r.getLong(2), ChronoUnit.MICROS),
                        LogbookEntry.Kind.named(r.getString(3)).orElse(LogbookEntry.Kind.STATE),
                        Optional.ofNullable(r.getString(4)), Optional.ofNullable(r.getString(5)),
                        Optional.ofNullable(r.getString(6)), r.getString(7)));
            }
        }
        return entries;
    }

    /**
     * Deletes the entries older than {@code cutoff}; returns how many went. Ids follow time, so the oldest entries are
     * those before the first id at or after the cutoff: found from the start of the primary key, not by a scan of all.
     */
    public int deleteBefore(Instant cutoff) {
        return database.transaction(c -> {
            long firstKept = Long.MAX_VALUE;
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM logbook WHERE at_us >= ? ORDER BY id LIMIT 1")) {
                p.setLong(1, micros(cutoff));
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) firstKept = r.getLong(1);
                }
            }
            DeviceSpans.deleteBelow(c, firstKept);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM logbook WHERE id < ?")) {
                p.setLong(1, firstKept);
                return p.executeUpdate();
            }
        });
    }

    private static void setOptional(PreparedStatement p, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) p.setString(index, value.get());
        else p.setNull(index, Types.VARCHAR);
    }

    static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
