package dev.hearth.gateway.notify;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Delivers dispatches: each is journalled, attempted at once and, while it fails for a reason that may pass (no
 * network, a timeout, a 5xx), attempted again after a growing pause until its time to live ends. The end of each,
 * delivered, refused or expired, is a trace of its automation listing every attempt. Single-threaded: the sender's
 * stages must complete on the thread that calls in (the verticle's event loop; virtual time in tests).
 */
final class Deliveries {
    /** Where a dispatch's state is kept across restarts. */
    interface Journal {
        void queued(Pending p);

        void attempted(Pending p);

        void ended(long id);
    }

    private final NotifySettings settings;
    private final Scheduler scheduler;
    private final Function<Dispatch.Request, CompletionStage<Void>> sender;
    private final Journal journal;
    private final Consumer<AutomationRun> traces;
    private final Map<Long, Pending> waiting = new LinkedHashMap<>();
    private long nextId;

    Deliveries(NotifySettings settings, Scheduler scheduler, Function<Dispatch.Request, CompletionStage<Void>> sender,
               Journal journal, Consumer<AutomationRun> traces, long lastId) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.sender = sender;
        this.journal = journal;
        this.traces = traces;
        this.nextId = lastId + 1;
    }

    /** Dispatches still waiting from before a restart: attempted again now. */
    void restore(List<Pending> pending) {
        for (Pending p : pending) {
            waiting.put(p.id, p);
            nextId = Math.max(nextId, p.id + 1);
            scheduler.schedule(Duration.ZERO, () -> attempt(p));
        }
    }

    void accept(Dispatch d) {
        Instant now = scheduler.now();
        if (waiting.size() >= settings.maxQueued()) {
            trace(new Pending(0, d, now, now, List.of()), AutomationRun.Outcome.FAILED,
                    "refused: " + waiting.size() + " notifications and calls already wait for delivery");
            return;
        }
        Duration ttl;
        if (d.request() instanceof Dispatch.HttpCall call) {
            ttl = call.ttl();
        } else {
            NotifyService service = settings.services().get(((Dispatch.Notification) d.request()).service());
            if (service == null) {
                // The loader checks service names; a reload of gateway.yaml without restart is the way here.
                trace(new Pending(0, d, now, now, List.of()), AutomationRun.Outcome.FAILED, "no notify service of that name");
                return;
            }
            ttl = service.ttl();
        }
        Pending p = new Pending(nextId++, d, now, now.plus(ttl), List.of());
        waiting.put(p.id, p);
        journal.queued(p);
        attempt(p);
    }

    /** Dispatches waiting for delivery. */
    int waiting() {
        return waiting.size();
    }

    private void attempt(Pending p) {
        if (!waiting.containsKey(p.id)) return;
        Instant at = scheduler.now();
        if (!at.isBefore(p.expires)) {
            end(p, AutomationRun.Outcome.FAILED, "expired: not delivered within " + dev.hearth.gateway.yaml.Durations.format(Duration.between(p.queued, p.expires))
                    + " (" + p.attempts() + " attempts)");
            return;
        }
        CompletionStage<Void> sent;
        try {
            sent = sender.apply(p.dispatch.request());
        } catch (RuntimeException e) {
            sent = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> attempted(p, at, failure));
    }

    private void attempted(Pending p, Instant at, Throwable failure) {
        Instant now = scheduler.now();
        String outcome = failure == null ? "ok" : "failed: " + reason(failure);
        p.steps.add(new AutomationRun.Step("attempt " + (p.attempts() + 1) + ": " + p.dispatch.request().describe(), outcome, at,
                Duration.between(at, now).toMillis()));
        if (failure == null) {
            end(p, AutomationRun.Outcome.RAN, "delivered");
        } else if (unwrap(failure) instanceof Refused) {
            end(p, AutomationRun.Outcome.FAILED, "refused, not retried");
        } else {
            journal.attempted(p);
            Duration pause = settings.backoff(p.attempts());
            Duration left = Duration.between(now, p.expires);
            scheduler.schedule(pause.compareTo(left) < 0 ? pause : left, () -> attempt(p));
        }
    }

    private void end(Pending p, AutomationRun.Outcome outcome, String detail) {
        waiting.remove(p.id);
        journal.ended(p.id);
        trace(p, outcome, detail);
    }

    private void trace(Pending p, AutomationRun.Outcome outcome, String detail) {
        Dispatch d = p.dispatch;
        traces.accept(new AutomationRun(d.automation(), p.queued, "delivery: " + d.request().describe(), outcome,
                List.of("from the run started " + d.runStarted(), detail), p.steps, scheduler.now()));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String reason(Throwable t) {
        Throwable cause = unwrap(t);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
