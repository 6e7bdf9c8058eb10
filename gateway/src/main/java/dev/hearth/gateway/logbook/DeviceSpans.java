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

    /** The newest span written of each device this run. */
    private final Map<String, Span> open = new HashMap<>();

    /** A device's entries between two ids, with the earliest and latest of their times (µs). */
    private static final class Span {
        private long first;
        private long last;
        private long earliest;
        private long latest;

        private Span(long id, long at) {
            first = id;
            last = id;
            earliest = at;
            latest = at;
        }

        private Span(Span other) {
            this(other.first, other.earliest);
            last = other.last;
            latest = other.latest;
        }

        boolean reaches(long id) {
            return id - first < MAX_IDS;
        }

        Span extend(long id, long at) {
            last = id;
            earliest = Math.min(earliest, at);
            latest = Math.max(latest, at);
            return this;
        }

        void addTo(PreparedStatement merge, String device) throws SQLException {
            merge.setString(1, device);
            merge.setLong(2, first);
            merge.setLong(3, last);
            merge.setLong(4, earliest);
            merge.setLong(5, latest);
            merge.addBatch();
        }
    }

    /** What {@link #write} wrote, to be kept once its transaction is committed. */
    record Written(Map<String, Span> spans) {
    }

    /** Records where the devices of {@code entries} (ids in increasing order) are, in the caller's transaction. */
    Written write(Connection c, List<LogbookEntry> entries) throws SQLException {
        Map<String, Span> spans = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("MERGE INTO logbook_device_span KEY (device, first_id) VALUES (?, ?, ?, ?, ?)")) {
            for (LogbookEntry e : entries) {
                if (e.device().isEmpty()) continue;
                String device = e.device().get();
                long at = LogbookStore.micros(e.at());
                Span span = spans.get(device);
                if (span == null) {
                    // The committed span is copied: it is kept only once this write's transaction commits.
                    Span committed = open.get(device);
                    boolean continues = committed != null && committed.reaches(e.id());
                    spans.put(device, continues ? new Span(committed).extend(e.id(), at) : new Span(e.id(), at));
                } else if (span.reaches(e.id())) {
                    span.extend(e.id(), at);
                } else {
                    span.addTo(p, device);
                    spans.put(device, new Span(e.id(), at));
                }
            }
            for (Map.Entry<String, Span> span : spans.entrySet()) span.getValue().addTo(p, span.getKey());
            p.executeBatch();
        }
        return new Written(spans);
    }

    /** Keeps the spans of a committed write, so that the next append extends them. */
    void committed(Written written) {
        open.putAll(written.spans());
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
