package dev.hearth.gateway.journal;

import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Session;
import dev.hearth.gateway.automation.trace.TraceStore;
import dev.hearth.gateway.automation.run.EngineJournal.PendingTimer;
import dev.hearth.gateway.device.Value;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The automation core's tables for restart safety: device state with last-changed times, pending timers
 * ({@code for:} holds and delays), and when each clock trigger was last accounted for. The feature's schema (one list,
 * whose positions existing databases have recorded) also creates the table of traces, which {@link TraceStore} reads
 * and writes. Blocking: call it off the event loop. The static write methods take the connection of a surrounding
 * transaction so that a batch of changes is one commit.
 */
public final class AutomationStore {
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE device_state (device VARCHAR(64) NOT NULL, attribute VARCHAR(64) NOT NULL, value_type CHAR(1) NOT NULL,"
                    + " value_text VARCHAR(4096) NOT NULL, last_changed TIMESTAMP(3) WITH TIME ZONE NOT NULL, PRIMARY KEY (device, attribute))",
            "CREATE TABLE automation_timer (timer_key VARCHAR(200) PRIMARY KEY, kind VARCHAR(8) NOT NULL, automation VARCHAR(64) NOT NULL,"
                    + " position INT NOT NULL, due TIMESTAMP(3) WITH TIME ZONE NOT NULL, trigger_text VARCHAR(1000) NOT NULL, fingerprint VARCHAR(64) NOT NULL)",
            "CREATE TABLE automation_clock (clock_key VARCHAR(200) PRIMARY KEY, checked TIMESTAMP(3) WITH TIME ZONE NOT NULL)",
            "CREATE TABLE automation_trace (id BIGINT AUTO_INCREMENT PRIMARY KEY, automation VARCHAR(64) NOT NULL,"
                    + " at TIMESTAMP(3) WITH TIME ZONE NOT NULL, outcome VARCHAR(32) NOT NULL, body CLOB NOT NULL)",
            "CREATE INDEX automation_trace_by_automation ON automation_trace (automation, id)",
            // A CLOB over a few hundred bytes lives in H2's separate LOB store (more maps to write, a cleaner thread on
            // delete); a trace is small enough to sit in its row.
            "ALTER TABLE automation_trace ALTER COLUMN body SET DATA TYPE CHARACTER VARYING",
            // H2 commits the whole store each time an identity's cache (32 values by default) runs out: a trace per run
            // paid for that every 32 runs. Ids skipped after a crash are harmless.
            "ALTER TABLE automation_trace ALTER COLUMN id SET CACHE 10000",
            // A row holds the traces of one automation from one save (a JSON array, oldest first; rows written before
            // this hold one trace, an object): a busy automation costs a row per save, not one per run. 'at' and
            // 'outcome' are those of the row's newest trace.
            "ALTER TABLE automation_trace ADD COLUMN runs INT DEFAULT 1 NOT NULL",
            // The journal's batches of attribute values, a row each (StateLog), folded into device_state now and then
            // (compactStates): a MERGE per changed attribute every 50 ms allocated ~7 KiB a row in H2 (pages copied on
            // write, read back, the update's own result set), one row per batch costs about what its commit does.
            "CREATE TABLE device_state_log (seq BIGINT PRIMARY KEY, changes VARBINARY NOT NULL)");

    private final Session database;
    private final TraceStore traces;

    public AutomationStore(Database database) {
        this.database = database.session("automation");
        this.database.migrate("automation", SCHEMA);
        this.traces = new TraceStore(database);
    }

    /** The traces' table, migrated here with the others. */
    public TraceStore traces() {
        return traces;
    }

    /** The automation core's own connection: its journal commits batches through it. */
    public Session session() {
        return database;
    }

    /** A device attribute as last known. */
    public record StoredState(String device, String attribute, Value value, Instant lastChanged) {
    }

    /** Every attribute's last known value: {@code device_state}, then the batches of the log not yet folded into it. */
    public List<StoredState> states() {
        return database.transaction(c -> {
            Map<String, StoredState> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT device, attribute, value_type, value_text, last_changed FROM device_state");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    put(out, new StoredState(r.getString(1), r.getString(2), value(r.getString(3), r.getString(4)), instant(r, 5)));
                }
            }
            for (StoredState logged : loggedStates(c).values()) put(out, logged);
            return new ArrayList<>(out.values());
        });
    }

    private static void put(Map<String, StoredState> states, StoredState s) {
        states.put(s.device() + '\u0000' + s.attribute(), s);
    }

    public List<PendingTimer> timers() {
        return database.transaction(c -> {
            List<PendingTimer> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT timer_key, kind, automation, position, due, trigger_text, fingerprint FROM automation_timer ORDER BY due");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new PendingTimer(r.getString(1), PendingTimer.Kind.valueOf(r.getString(2)), r.getString(3), r.getInt(4),
                            instant(r, 5), r.getString(6), r.getString(7)));
                }
            }
            return out;
        });
    }

    public Map<String, Instant> clocks() {
        return database.transaction(c -> {
            Map<String, Instant> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT clock_key, checked FROM automation_clock");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.put(r.getString(1), instant(r, 2));
            }
            return out;
        });
    }

    // ---- writes, inside a caller's transaction ---------------------------------------------------------------

    public static void saveState(Connection c, String device, String attribute, Value value, Instant lastChanged) throws SQLException {
        saveStates(c, List.of(new StoredState(device, attribute, value, lastChanged)));
    }

    /** Saves attribute values with one statement executed as a batch (a journal batch holds many). */
    public static void saveStates(Connection c, Collection<StoredState> states) throws SQLException {
        if (states.isEmpty()) return;
        try (PreparedStatement p = c.prepareStatement(
                "MERGE INTO device_state (device, attribute, value_type, value_text, last_changed) KEY (device, attribute) VALUES (?, ?, ?, ?, ?)")) {
            for (StoredState s : states) {
                p.setString(1, s.device());
                p.setString(2, s.attribute());
                p.setString(3, String.valueOf(StateLog.typeOf(s.value())));
                p.setString(4, s.value().toString());
                p.setTimestamp(5, Timestamp.from(s.lastChanged()));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Appends one journal batch of attribute values to the log, as one row whatever its size. Durable with the
     * caller's commit, like {@link #saveStates}; {@link #states()} reads it back.
     */
    public static void logStates(Connection c, Collection<StoredState> states) throws SQLException {
        if (states.isEmpty()) return;
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO device_state_log (seq, changes) SELECT COALESCE(MAX(seq), 0) + 1, ? FROM device_state_log")) {
            p.setBytes(1, StateLog.encode(states));
            p.executeUpdate();
        }
    }

    /** Folds the log into {@code device_state}: the newest value of each attribute, one MERGE each, then empties the log. */
    public static void compactStates(Connection c) throws SQLException {
        Map<String, StoredState> newest = loggedStates(c);
        if (newest.isEmpty()) return;
        saveStates(c, newest.values());
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM device_state_log");
        }
    }

    /** The log's values in the order they were written, the newest of each attribute last written wins. */
    private static Map<String, StoredState> loggedStates(Connection c) throws SQLException {
        Map<String, StoredState> newest = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT changes FROM device_state_log ORDER BY seq");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                for (StoredState s : decode(r.getBytes(1))) put(newest, s);
            }
        }
        return newest;
    }

    private static List<StoredState> decode(byte[] row) throws SQLException {
        try {
            return StateLog.decode(row);
        } catch (java.io.IOException e) {
            throw new SQLException("an unreadable row in device_state_log: " + e.getMessage(), e);
        }
    }

    public static void saveTimer(Connection c, PendingTimer t) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("MERGE INTO automation_timer (timer_key, kind, automation, position, due, trigger_text,"
                + " fingerprint) KEY (timer_key) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, t.key());
            p.setString(2, t.kind().name());
            p.setString(3, t.automation());
            p.setInt(4, t.position());
            p.setTimestamp(5, Timestamp.from(t.due()));
            p.setString(6, t.trigger().length() > 1000 ? t.trigger().substring(0, 1000) : t.trigger());
            p.setString(7, t.fingerprint());
            p.executeUpdate();
        }
    }

    public static void deleteTimer(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM automation_timer WHERE timer_key = ?")) {
            p.setString(1, key);
            p.executeUpdate();
        }
    }

    public static void saveClock(Connection c, String key, Instant checked) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("MERGE INTO automation_clock (clock_key, checked) KEY (clock_key) VALUES (?, ?)")) {
            p.setString(1, key);
            p.setTimestamp(2, Timestamp.from(checked));
            p.executeUpdate();
        }
    }

    static Value value(String type, String text) {
        return switch (type) {
            case "b" -> Value.of(Boolean.parseBoolean(text));
            case "n" -> Value.of(Double.parseDouble(text));
            default -> Value.of(text);
        };
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        return r.getObject(column, java.time.OffsetDateTime.class).toInstant();
    }
}
