package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table {@code automation_trace}: the last traces of each automation, a row per automation and save. Its schema is
 * migrated with the other tables of the automation feature (journal.AutomationStore), in one list whose positions
 * existing databases have recorded. Blocking: call it off the event loop.
 */
public final class TraceStore {
    /** Traces kept per automation: the same number the gateway keeps in memory. */
    public static final int KEPT = AutomationRun.KEPT;

    /** Traces have a connection of their own: a big save never holds up the journal's commits of state and timers. */
    private final Session session;

    /** Over a database whose automation tables are migrated. */
    public TraceStore(Database database) {
        this.session = database.session("traces");
    }

    /** The last {@code limit} traces of an automation, newest first. */
    public List<AutomationRun> read(String automation, int limit) {
        return session.transaction(c -> {
            List<AutomationRun> out = new ArrayList<>();
            // Every row holds at least one trace: {@code limit} rows are enough.
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT body FROM automation_trace WHERE automation = ? ORDER BY id DESC LIMIT ?")) {
                p.setString(1, automation);
                p.setInt(2, limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next() && out.size() < limit) {
                        List<AutomationRun> row = TraceJson.decode(r.getString(1));
                        for (int i = row.size() - 1; i >= 0 && out.size() < limit; i--) out.add(row.get(i));
                    }
                }
            }
            return out;
        });
    }

    /** Saves traces in a transaction of their own (see {@link #save(Connection, List, Set)}). */
    public void save(List<AutomationRun> runs, Set<String> prune) {
        session.transaction(c -> {
            save(c, runs, prune);
            return null;
        });
    }

    public static void save(Connection c, AutomationRun run) throws SQLException {
        save(c, List.of(run));
    }

    /** Saves traces, a row per automation, then prunes each automation named. */
    public static void save(Connection c, List<AutomationRun> runs) throws SQLException {
        Set<String> automations = new LinkedHashSet<>();
        runs.forEach(r -> automations.add(r.automation()));
        save(c, runs, automations);
    }

    /**
     * Saves the traces, one row per automation holding its runs in order, and prunes only the automations in
     * {@code prune}: readers take the newest {@link #KEPT}, so a few more for a while cost nothing, and a prune per
     * save of a busy automation (not per run) keeps the table about twice what readers take.
     */
    public static void save(Connection c, List<AutomationRun> runs, Set<String> prune) throws SQLException {
        if (runs.isEmpty()) return;
        Map<String, List<AutomationRun>> rows = new LinkedHashMap<>();
        for (AutomationRun run : runs) rows.computeIfAbsent(run.automation(), k -> new ArrayList<>()).add(run);
        StringBuilder body = new StringBuilder(1024);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO automation_trace (automation, at, outcome, body, runs) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, List<AutomationRun>> row : rows.entrySet()) {
                AutomationRun newest = row.getValue().get(row.getValue().size() - 1);
                p.setString(1, row.getKey());
                p.setTimestamp(2, Timestamp.from(newest.at()));
                p.setString(3, newest.outcome().name());
                p.setString(4, TraceJson.encode(row.getValue(), body));
                p.setInt(5, row.getValue().size());
                p.addBatch();
            }
            p.executeBatch();
        }
        for (String automation : prune) prune(c, automation);
    }

    /**
     * Keeps the rows holding the newest {@link #KEPT} traces of an automation. The cutoff is looked up once: as
     * {@code id NOT IN (subquery)}, H2 ran the subquery again for every row, since the table had changed in the same
     * transaction, and a journal batch of many traces held the database for over a minute (bench/, reconnect run).
     */
    private static void prune(Connection c, String automation) throws SQLException {
        long cutoff = -1;
        try (PreparedStatement p = c.prepareStatement("SELECT id, runs FROM automation_trace WHERE automation = ? ORDER BY id DESC")) {
            p.setString(1, automation);
            try (ResultSet r = p.executeQuery()) {
                int newer = 0;
                while (r.next() && newer < KEPT) {
                    newer += r.getInt(2);
                    cutoff = r.getLong(1);
                }
                if (newer < KEPT) return;
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM automation_trace WHERE automation = ? AND id < ?")) {
            p.setString(1, automation);
            p.setLong(2, cutoff);
            p.executeUpdate();
        }
    }
}
