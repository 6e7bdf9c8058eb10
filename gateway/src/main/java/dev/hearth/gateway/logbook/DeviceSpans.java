package dev.hearth.gateway.logbook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each device's logbook entries are: the table {@code logbook_device_span}, a row per device and span of ids
 * holding all of its entries in that span (and other devices' entries too). It replaces an index entry per logbook
 * row (a B-tree write at a scattered place per state change, about half a row's cost) with a row per device and
 * append, extended while the span covers fewer than {@link #MAX_IDS} ids: a device's page reads its spans newest
 * first and only the logbook rows inside them. Appends run one after another (the recorder's ordered writes).
 */
final class DeviceSpans {
    /** A span's width: a device page reads at most this many rows of other devices per span it looks into. */
    static final long MAX_IDS = 4096;

    /** The newest span written of each device this run: {first id, last id, earliest time, latest time} (µs). */
    private final Map<String, long[]> open = new HashMap<>();

    /** What {@link #write} wrote, to be kept once its transaction is committed. */
    record Written(Map<String, long[]> spans) {
    }

    /** Records where the devices of {@code entries} (ids in increasing order) are, in the caller's transaction. */
    Written write(Connection c, List<LogbookEntry> entries) throws SQLException {
        Map<String, long[]> spans = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("MERGE INTO logbook_device_span KEY (device, first_id) VALUES (?, ?, ?, ?, ?)")) {
            for (LogbookEntry e : entries) {
                if (e.device().isEmpty()) continue;
                long at = LogbookStore.micros(e.at());
                long[] span = spans.get(e.device().get());
                if (span == null) {
                    long[] last = open.get(e.device().get());
                    span = last != null && e.id() - last[0] < MAX_IDS ? extended(last.clone(), e.id(), at) : new long[]{e.id(), e.id(), at, at};
                    spans.put(e.device().get(), span);
                } else if (e.id() - span[0] < MAX_IDS) {
                    extended(span, e.id(), at);
                } else {
                    add(p, e.device().get(), span);
                    span[0] = e.id();
                    span[1] = e.id();
                    span[2] = at;
                    span[3] = at;
                }
            }
            for (Map.Entry<String, long[]> span : spans.entrySet()) add(p, span.getKey(), span.getValue());
            p.executeBatch();
        }
        return new Written(spans);
    }

    private static long[] extended(long[] span, long id, long at) {
        span[1] = id;
        span[2] = Math.min(span[2], at);
        span[3] = Math.max(span[3], at);
        return span;
    }

    /** Keeps the spans of a committed write, so that the next append extends them. */
    void committed(Written written) {
        open.putAll(written.spans());
    }

    private static void add(PreparedStatement merge, String device, long[] span) throws SQLException {
        merge.setString(1, device);
        merge.setLong(2, span[0]);
        merge.setLong(3, span[1]);
        merge.setLong(4, span[2]);
        merge.setLong(5, span[3]);
        merge.addBatch();
    }

    /**
     * The device's spans that start below id {@code below} and hold times in {@code [fromUs, toUs)}, newest first:
     * {first id, last id}. A span holds the earliest and latest time of the device's entries in it.
     */
    static List<long[]> before(Connection c, String device, long below, long fromUs, long toUs) throws SQLException {
        List<long[]> spans = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT first_id, last_id FROM logbook_device_span WHERE device = ? AND first_id < ?"
                + " AND first_at_us < ? AND last_at_us >= ? ORDER BY first_id DESC")) {
            p.setString(1, device);
            p.setLong(2, below);
            p.setLong(3, toUs);
            p.setLong(4, fromUs);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) spans.add(new long[]{r.getLong(1), r.getLong(2)});
            }
        }
        return spans;
    }

    /** Drops the spans whose entries are all below {@code firstKept}. */
    static void deleteBelow(Connection c, long firstKept) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM logbook_device_span WHERE last_id < ?")) {
            p.setLong(1, firstKept);
            p.executeUpdate();
        }
    }
}
