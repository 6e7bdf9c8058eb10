package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Session;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outbox's tables. Every call is one transaction, so a batch of appends and removals costs one
 * commit (one write to the storage device, and with durability power one fsync). Blocking: call it
 * off the event loop.
 */
public final class OutboxStore {
    private static final String COLUMNS = "id, kind, topic, payload, qos, retained, user_properties, created_at, expires_at, attempts";
    private static List<String> schema(String queue, String dead) {
        return List.of(
            "CREATE TABLE " + queue + " (id BIGINT PRIMARY KEY, kind VARCHAR(16) NOT NULL, topic VARCHAR(65535) NOT NULL,"
                    + " payload VARBINARY NOT NULL, qos TINYINT NOT NULL, retained BOOLEAN NOT NULL,"
                    + " user_properties VARCHAR(65535) NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
                    + " attempts INT NOT NULL)",
            "CREATE TABLE " + dead + " (id BIGINT PRIMARY KEY, kind VARCHAR(16) NOT NULL, topic VARCHAR(65535) NOT NULL,"
                    + " payload VARBINARY NOT NULL, qos TINYINT NOT NULL, retained BOOLEAN NOT NULL,"
                    + " user_properties VARCHAR(65535) NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
                    + " attempts INT NOT NULL, reason VARCHAR(1000) NOT NULL, dead_at BIGINT NOT NULL)");
    }

    /** What one commit changes: new rows, rows done with, rows moved to the dead letters, attempt counts. */
    public record Changes(List<Queued> appended, List<Long> removed, List<Dead> dead, List<Queued> attempted) {
        public Changes {
            appended = List.copyOf(appended);
            removed = List.copyOf(removed);
            dead = List.copyOf(dead);
            attempted = List.copyOf(attempted);
        }

        public boolean isEmpty() {
            return appended.isEmpty() && removed.isEmpty() && dead.isEmpty() && attempted.isEmpty();
        }
    }

    /** A row refused by the broker for the last time, and why. */
    public record Dead(Queued queued, String reason, Instant at) {
    }

    private final Database database;
    private final Session db;
    private final String queue;
    private final String dead;

    /** The outbox of the gateway's own broker connection. */
    public OutboxStore(Database db) {
        this(db, "outbox", "outbox_dead_letter", "outbox");
    }

    /** The outbox of another connection (the uplink): its own tables, so that each drains on its own. */
    public OutboxStore(Database db, String link) {
        this(db, "outbox_" + link, "outbox_" + link + "_dead_letter", "outbox_" + link);
    }

    private OutboxStore(Database db, String queue, String dead, String feature) {
        if (!queue.matches("[a-z_]+")) throw new IllegalArgumentException("link name: " + queue);
        this.database = db;
        this.db = db.session(feature);
        this.queue = queue;
        this.dead = dead;
        this.db.migrate(feature, schema(queue, dead));
    }

    public Database database() {
        return database;
    }

    /** Everything still to be delivered, in the order it was queued. */
    public List<Queued> queued() {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + queue + " ORDER BY id");
                 ResultSet r = p.executeQuery()) {
                List<Queued> out = new ArrayList<>();
                while (r.next()) out.add(row(r));
                return out;
            }
        });
    }

    /** How many rows of each kind wait on disk and their size as {@link Publication#size()} counts it. */
    public record Backlog(long rows, long bytes) {
        public static final Backlog NONE = new Backlog(0, 0);
    }

    /** The backlog of each kind, without reading a row into memory (kinds with none are absent). */
    public Map<Publication.Kind, Backlog> backlog() {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT kind, COUNT(*), COALESCE(SUM(CHAR_LENGTH(topic) + OCTET_LENGTH(payload)), 0)"
                    + " FROM " + queue + " GROUP BY kind");
                 ResultSet r = p.executeQuery()) {
                Map<Publication.Kind, Backlog> out = new EnumMap<>(Publication.Kind.class);
                while (r.next()) out.put(Publication.Kind.valueOf(r.getString(1)), new Backlog(r.getLong(2), r.getLong(3)));
                return out;
            }
        });
    }

    /** At most {@code limit} rows of one kind with ids above {@code afterId}, in id order: the next page of its line. */
    public List<Queued> page(Publication.Kind kind, long afterId, int limit) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + queue
                    + " WHERE id > ? AND kind = ? ORDER BY id LIMIT ?")) {
                p.setLong(1, afterId);
                p.setString(2, kind.name());
                p.setInt(3, limit);
                try (ResultSet r = p.executeQuery()) {
                    List<Queued> out = new ArrayList<>();
                    while (r.next()) out.add(row(r));
                    return out;
                }
            }
        });
    }

    /** The next free id: ids order the queue and survive restarts. */
    public long nextId() {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM " + queue + "), 0), COALESCE((SELECT MAX(id) FROM " + dead + "), 0))");
                 ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) + 1;
            }
        });
    }

    public void apply(Changes changes) {
        if (changes.isEmpty()) return;
        db.transaction(c -> {
            insert(c, queue, changes.appended());
            moveToDeadLetters(c, changes.dead());
            updateAttempts(c, changes.attempted());
            delete(c, queue, changes.removed());
            return null;
        });
    }

    public List<DeadLetter> deadLetters() {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, topic, kind, OCTET_LENGTH(payload), attempts, reason, dead_at FROM " + dead + " ORDER BY id");
                 ResultSet r = p.executeQuery()) {
                List<DeadLetter> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new DeadLetter(r.getLong(1), r.getString(2), r.getString(3).toLowerCase(), r.getInt(4), r.getInt(5),
                            r.getString(6), Instant.ofEpochMilli(r.getLong(7))));
                }
                return out;
            }
        });
    }

    /**
     * Moves dead letters back into the queue as new rows (fresh ids, lifetimes and attempts from
     * {@code requeue}), in one transaction; all of them when {@code ids} is empty.
     */
    public List<Queued> retryDeadLetters(List<Long> ids, Requeue requeue) {
        return db.transaction(c -> {
            List<Queued> letters = new ArrayList<>();
            String where = ids.isEmpty() ? "" : " WHERE id IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + dead + where + " ORDER BY id");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) letters.add(row(r));
            }
            List<Queued> fresh = letters.stream().map(d -> requeue.apply(d.publication())).toList();
            insert(c, queue, fresh);
            delete(c, dead, letters.stream().map(Queued::id).toList());
            return fresh;
        });
    }

    /** Deletes these dead letters; returns how many there were. */
    public int dropDeadLetters(List<Long> ids) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + dead + " WHERE id IN ("
                    + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")) {
                return p.executeUpdate();
            }
        });
    }

    /** Gives a dead letter's publication its new place in the queue. */
    @FunctionalInterface
    public interface Requeue {
        Queued apply(Publication publication);
    }

    private static void insert(Connection c, String table, List<Queued> rows) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Queued q : rows) {
                bind(p, q);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void moveToDeadLetters(Connection c, List<Dead> buried) throws SQLException {
        if (buried.isEmpty()) return;
        try (PreparedStatement p = c.prepareStatement("MERGE INTO " + dead + " (" + COLUMNS + ", reason, dead_at)"
                + " KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Dead d : buried) {
                bind(p, d.queued());
                p.setString(11, d.reason().length() > 1000 ? d.reason().substring(0, 1000) : d.reason());
                p.setLong(12, d.at().toEpochMilli());
                p.addBatch();
            }
            p.executeBatch();
        }
        delete(c, queue, buried.stream().map(d -> d.queued().id()).toList());
    }

    private void updateAttempts(Connection c, List<Queued> rows) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement p = c.prepareStatement("UPDATE " + queue + " SET attempts = ? WHERE id = ?")) {
            for (Queued q : rows) {
                p.setInt(1, q.attempts());
                p.setLong(2, q.id());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Deletes by runs of consecutive ids, one statement each: the broker acknowledges in about the order rows were
     * sent, so a drain's removals of a whole commit are usually one or a few runs instead of a statement per row.
     */
    private static void delete(Connection c, String table, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) return;
        long[] sorted = ids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE id BETWEEN ? AND ?")) {
            int first = 0;
            for (int i = 1; i <= sorted.length; i++) {
                if (i < sorted.length && sorted[i] == sorted[i - 1] + 1) continue;
                p.setLong(1, sorted[first]);
                p.setLong(2, sorted[i - 1]);
                p.addBatch();
                first = i;
            }
            p.executeBatch();
        }
    }

    private static void bind(PreparedStatement p, Queued q) throws SQLException {
        Publication pub = q.publication();
        p.setLong(1, q.id());
        p.setString(2, pub.kind().name());
        p.setString(3, pub.topic());
        p.setBytes(4, pub.payload());
        p.setInt(5, pub.qos());
        p.setBoolean(6, pub.retained());
        p.setString(7, encode(pub.userProperties()));
        p.setLong(8, q.createdAt().toEpochMilli());
        p.setLong(9, q.expiresAt().toEpochMilli());
        p.setInt(10, q.attempts());
    }

    private static Queued row(ResultSet r) throws SQLException {
        Publication p = new Publication(r.getString(3), r.getBytes(4), r.getInt(5), r.getBoolean(6),
                Publication.Kind.valueOf(r.getString(2)), decode(r.getString(7)));
        return new Queued(r.getLong(1), p, Instant.ofEpochMilli(r.getLong(8)), Instant.ofEpochMilli(r.getLong(9)), r.getInt(10));
    }

    private static String encode(Map<String, String> props) {
        return props.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> decode(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.isEmpty()) return out;
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
