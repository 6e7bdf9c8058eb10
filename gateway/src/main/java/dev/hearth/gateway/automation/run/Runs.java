package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Automation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs in progress and queued, per automation, and the automation's mode, which decides whether a trigger
 * starts a run, waits in the queue, restarts the current run or is dropped.
 */
public final class Runs {
    private record Start(Automation automation, String trigger, Map<String, Object> data) {
    }

    private final RunHost host;
    private final Map<String, List<RunExecution>> running = new HashMap<>();
    private final Map<String, Deque<Start>> queued = new HashMap<>();
    private long ids;

    Runs(RunHost host) {
        this.host = host;
    }

    /** Starts or queues a run as the automation's mode allows; otherwise returns why the trigger was dropped. */
    Optional<String> start(Automation a, String trigger, Map<String, Object> data) {
        List<RunExecution> active = running.getOrDefault(a.id(), List.of());
        Automation.Mode mode = a.mode();
        switch (mode.kind()) {
            case SINGLE -> {
                if (!active.isEmpty()) return Optional.of("mode single: a run started at " + active.get(0).started() + " is still going");
            }
            case RESTART -> List.copyOf(active).forEach(r -> r.cancel("restarted by " + trigger));
            case QUEUED -> {
                Deque<Start> queue = queued.computeIfAbsent(a.id(), k -> new ArrayDeque<>());
                if (!active.isEmpty()) {
                    if (active.size() + queue.size() >= mode.max()) return Optional.of("mode queued: " + mode.max() + " runs already running or queued");
                    queue.addLast(new Start(a, trigger, data));
                    return Optional.empty();
                }
            }
            case PARALLEL -> {
                if (active.size() >= mode.max()) return Optional.of("mode parallel: " + mode.max() + " runs already running");
            }
        }
        launch(a, trigger, data).start();
        return Optional.empty();
    }

    /** Resumes a run that was in a top-level delay when the gateway stopped. */
    void resume(Automation a, String trigger, EngineJournal.PendingTimer delay) {
        launch(a, trigger, Map.of()).resumeAfter(delay.position(), delay.due());
    }

    private RunExecution launch(Automation a, String trigger, Map<String, Object> data) {
        RunExecution run = new RunExecution(++ids, a, trigger, data, host);
        running.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(run);
        return run;
    }

    /** Cancels the automation's runs and forgets its queue. */
    void stopAll(Automation a, String why) {
        List.copyOf(running.getOrDefault(a.id(), List.of())).forEach(r -> r.cancel(why));
        queued.remove(a.id());
    }

    void ended(RunExecution run) {
        List<RunExecution> active = running.get(run.automation().id());
        if (active != null) active.remove(run);
    }

    /** After a run ended: the next queued run of its automation starts once none is active. */
    void startQueued(Automation a) {
        Deque<Start> queue = queued.get(a.id());
        if (queue == null || queue.isEmpty() || !running.getOrDefault(a.id(), List.of()).isEmpty()) return;
        Start next = queue.pollFirst();
        launch(next.automation(), next.trigger(), next.data()).start();
    }

    int active() {
        return running.values().stream().mapToInt(List::size).sum();
    }
}
