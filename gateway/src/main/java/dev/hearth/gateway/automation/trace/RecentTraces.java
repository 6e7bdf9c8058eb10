package dev.hearth.gateway.automation.trace;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code hearth.automation.runs} answers: the traces the engine keeps in memory, and, while it has fewer than
 * {@link AutomationRun#KEPT} of an automation (after a restart), the older ones from the database, so the dashboard
 * still shows the runs before the restart. The database also holds traces of this run already saved, which are in
 * memory too: those are skipped (a trace keeps its times to the nanosecond, so two runs are never equal).
 */
public final class RecentTraces {
    private static final Logger log = LoggerFactory.getLogger(RecentTraces.class);

    private final Vertx vertx;
    private final TraceStore store;

    public RecentTraces(Vertx vertx, TraceStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    /** {@code inMemory} newest first, completed from the database up to {@code limit} (at most KEPT). */
    public Future<List<AutomationRun>> complete(String automation, List<AutomationRun> inMemory, int limit) {
        int wanted = Math.min(limit, AutomationRun.KEPT);
        if (inMemory.size() >= wanted) return Future.succeededFuture(inMemory);
        return vertx.executeBlocking(() -> store.read(automation, wanted), false)
                .map(stored -> merge(inMemory, stored, wanted))
                .recover(e -> {
                    log.warn("Traces of {} before this start not read: {}", automation, e.getMessage());
                    return Future.succeededFuture(inMemory);
                });
    }

    private static List<AutomationRun> merge(List<AutomationRun> inMemory, List<AutomationRun> stored, int wanted) {
        Set<AutomationRun> known = new HashSet<>(inMemory);
        List<AutomationRun> out = new ArrayList<>(inMemory);
        for (AutomationRun run : stored) {
            if (out.size() == wanted) break;
            if (!known.contains(run)) out.add(run);
        }
        return out;
    }
}
