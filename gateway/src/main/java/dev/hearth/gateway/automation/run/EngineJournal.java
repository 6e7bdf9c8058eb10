package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.trace.AutomationRun;
import java.time.Instant;

/**
 * What the engine writes down so that a restart loses nothing: pending timers, when each clock trigger last
 * fired, and traces. The engine calls it on its own thread; implementations hand the work off the event loop.
 */
public interface EngineJournal {

    /**
     * A {@code for:} hold, or a run suspended in a {@code delay} or {@code wait}. {@code position} is the index of a
     * top-level {@code delay} (the run resumes after it), or -1 where a run cannot be resumed (nested, or a wait).
     */
    record PendingTimer(String key, Kind kind, String automation, int position, Instant due, String trigger,
                        String fingerprint) {
        public enum Kind { HOLD, DELAY, WAIT }
    }

    void timerStarted(PendingTimer timer);

    void timerEnded(String key);

    void clockFired(String key, Instant at);

    void traced(AutomationRun run);

    EngineJournal NONE = new EngineJournal() {
        @Override
        public void timerStarted(PendingTimer timer) {
        }

        @Override
        public void timerEnded(String key) {
        }

        @Override
        public void clockFired(String key, Instant at) {
        }

        @Override
        public void traced(AutomationRun run) {
        }
    };
}
