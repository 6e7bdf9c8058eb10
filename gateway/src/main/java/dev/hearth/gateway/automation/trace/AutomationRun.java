package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.bus.LocalMessage;

import java.time.Instant;
import java.util.List;

/**
 * The trace of one run, or of a near miss: what triggered it ({@code trigger}), each condition checked with its
 * result and the values it saw ({@code details}, in order), and each action with its outcome and timing
 * ({@code steps}). Runs that never started (a condition failed, {@code for:} interrupted, dropped by the mode or
 * the start-up barrier) are traced too, so "why didn't my light turn on?" always has an answer.
 */
public record AutomationRun(String automation, Instant at, String trigger, Outcome outcome, List<String> details,
                            List<Step> steps, Instant finished) implements LocalMessage {

    /**
     * Traces kept per automation: the newest this many are held in memory (served to the dashboard and the API) and
     * are what the database keeps ({@code hearth traces} reads them there).
     */
    public static final int KEPT = 50;

    public enum Outcome {
        /** All actions ran. */
        RAN,
        /** The trigger matched, a condition failed ({@code details} shows the values seen). */
        CONDITION_FAILED,
        /** A {@code stop} action or a {@code wait} timeout ended the run. */
        STOPPED,
        /** An action failed (an expression error, a refused command); the last step says why. */
        FAILED,
        /** Mode {@code restart} replaced the run, or the automation was disabled, reloaded or the gateway stopped. */
        CANCELLED,
        /** A {@code for:} was running and the state changed back ({@code details} names the event). */
        FOR_INTERRUPTED,
        /** Mode {@code single} (or the {@code max} of queued/parallel) dropped the new run. */
        DROPPED_BY_MODE,
        /** The trigger matched before the start-up barrier armed triggers. */
        DROPPED_AT_STARTUP,
        /** A clock trigger's moment passed while the gateway was down ({@code on_missed} decided). */
        MISSED,
        /** A run was in a {@code delay} when the gateway stopped, and could not be resumed. */
        INTERRUPTED_BY_RESTART,
        /** The automation triggered itself too often and was paused (disabled); an error. */
        PAUSED,
        /** The automation names devices discovery has not found yet: it is not armed until they appear ({@code details} names them). */
        WAITING_FOR_DEVICES
    }

    /** One action: {@code outcome} is ok, failed, skipped, timed out or cancelled, with its start and duration. */
    public record Step(String action, String outcome, Instant at, long millis) {
    }

    public AutomationRun {
        details = List.copyOf(details);
        steps = List.copyOf(steps);
    }

    /** A trace without action steps (near misses). */
    public AutomationRun(String automation, Instant at, String trigger, Outcome outcome, List<String> details) {
        this(automation, at, trigger, outcome, details, List.of(), at);
    }
}
