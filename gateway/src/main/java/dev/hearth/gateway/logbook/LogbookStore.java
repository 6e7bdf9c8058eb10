package dev.hearth.gateway.logbook;

import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The logbook in H2, kept for {@code history.retention}: chunks of consecutive entries ({@link LogbookChunks}) and
 * where each device's entries are ({@link DeviceSpans}). Blocking JDBC: call it off the event loop. Ids are given by
 * the recorder (no identity column: H2 commits the whole store whenever an identity's cache runs out, see
 * HistoryStore), so a page's cursor is a plain id. Queries read chunks newest first and filter their entries.
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
            "DROP INDEX logbook_by_device",
            // A row per entry was still the largest CPU cost of a round trip (H2's work per row): entries are stored
            // in chunks of a few hundred (LogbookChunks); LegacyRows moves a logbook written before into them.
            LogbookChunks.TABLE);

    /** Chunks read per statement while a page fills: a page of 100 usually needs one. */
    private static final int READ_AHEAD = 4;

    private final Session database;
    private final DeviceSpans spans = new DeviceSpans();

    public LogbookStore(Database database) {
        this.database = database.session("logbook");
        this.database.migrate("logbook", SCHEMA);
        LegacyRows.move(this.database);
    }

    /** The newest id written, 0 for an empty logbook: the recorder counts on from it. */
    public long lastId() {
        return database.transaction(LogbookChunks::lastId);
    }

    /** Appends the entries, in increasing id order, in one transaction (a group commit). Not concurrently. */
    public void append(List<LogbookEntry> entries) {
        if (entries.isEmpty()) return;
        spans.committed(database.transaction(c -> {
            LogbookChunks.insert(c, entries);
            return spans.write(c, entries);
        }));
    }

    /**
     * One page, newest first; it looks for one entry more than the page holds to know whether another page follows.
     * A device's page reads the chunks inside its spans, newest span first, until the page is full.
     */
    public LogbookQuery.Page query(LogbookQuery q) {
        return database.transaction(c -> {
            PageCollector page = new PageCollector(q);
            if (q.device().isEmpty()) {
                collect(c, page, 0, Long.MAX_VALUE);
            } else {
                for (long[] span : DeviceSpans.before(c, q.device().get(), page.below(), page.fromUs(), page.toUs())) {
                    collect(c, page, span[0], span[1]);
                    if (page.full()) break;
                }
            }
            return page.page();
        });
    }

    /** Offers the page the entries of the chunks holding ids in {@code [firstId, lastId]}, newest first, until it is full. */
    private static void collect(Connection c, PageCollector page, long firstId, long lastId) throws SQLException {
        while (!page.full()) {
            List<LogbookChunks.Chunk> chunks = LogbookChunks.newest(c, page.below(), lastId, firstId - LogbookChunks.MAX_IDS,
                    page.fromUs(), page.toUs(), READ_AHEAD);
            if (chunks.isEmpty()) return;
            for (LogbookChunks.Chunk chunk : chunks) {
                if (chunk.lastId() < firstId) return;
                page.offer(chunk);
                if (page.full()) return;
            }
        }
    }

    /**
     * Deletes the entries older than {@code cutoff}; returns how many went. Ids follow time, so the oldest entries are
     * those before the first entry at or after the cutoff: the chunks before the one holding it go, and that chunk is
     * written again without its older entries.
     */
    public int deleteBefore(Instant cutoff) {
        return database.transaction(c -> {
            Optional<LogbookChunks.Chunk> straddling = LogbookChunks.oldestReaching(c, micros(cutoff));
            if (straddling.isEmpty()) {
                DeviceSpans.deleteBelow(c, Long.MAX_VALUE);
                return (int) LogbookChunks.deleteBelow(c, Long.MAX_VALUE);
            }
            List<LogbookEntry> entries = straddling.get().decode().entries();
            List<LogbookEntry> kept = entries.stream().dropWhile(e -> e.at().isBefore(cutoff)).toList();
            long firstKept = kept.get(0).id();
            long deleted = LogbookChunks.deleteBelow(c, firstKept);
            if (kept.size() < entries.size()) {
                LogbookChunks.insert(c, kept);
                deleted -= kept.size();
            }
            DeviceSpans.deleteBelow(c, firstKept);
            return (int) deleted;
        });
    }

    static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
