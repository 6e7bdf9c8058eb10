package dev.hearth.gateway.web;

import dev.hearth.gateway.automation.trace.AutomationRun;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's outcome in one sentence, the reason first: "did not run: sun condition — it is day (sunrise 07:31, sunset
 * 16:24, now 12:02)", "did not run: hallway_lux.illuminance 197 ≥ 30". Built from the condition texts the engine
 * traces ({@code Condition.Check}); a text this class does not recognise is shown as the engine wrote it. Runs that
 * share a reason are folded into one line with a count on the dashboard.
 */
final class TraceReason {
    private static final Pattern NUMERIC = Pattern.compile("^(\\S+?)( above ([-\\d.E]+))?( below ([-\\d.E]+))? \\(was (.*)\\)$");
    private static final Pattern STATE = Pattern.compile("^(\\S+) is (.+?) \\(was (.*?)\\)(?: for (\\S+) \\(for (\\S+)\\))?$");
    private static final Pattern SUN = Pattern.compile("^sun( after sunset)?( before sunrise)? \\((.*)\\)$");
    private static final Pattern TIME = Pattern.compile("^time(.*) \\(was (.*)\\)$");
    private static final Pattern EXPR = Pattern.compile("^expr (.*) \\((was|error:) (.*)\\)$");

    private TraceReason() {
    }

    /** The run as the API shows it: its record's fields and {@code reason}. */
    static JsonObject json(AutomationRun run) {
        return RecordJson.record(run).put("reason", of(run));
    }

    static String of(AutomationRun run) {
        return switch (run.outcome()) {
            case RAN -> "ran" + (run.steps().isEmpty() ? "" : ": " + run.steps().size() + (run.steps().size() == 1 ? " action" : " actions"));
            case CONDITION_FAILED -> "did not run: " + String.join("; ", failures(run.details()));
            case FAILED -> "failed: " + lastStep(run);
            case STOPPED -> "stopped: " + lastStep(run);
            case CANCELLED, FOR_INTERRUPTED, DROPPED_BY_MODE, DROPPED_AT_STARTUP, MISSED, INTERRUPTED_BY_RESTART, PAUSED, WAITING_FOR_DEVICES ->
                    outcome(run) + (run.details().isEmpty() ? "" : ": " + run.details().get(run.details().size() - 1).replaceFirst("^cancelled: ", ""));
        };
    }

    private static String outcome(AutomationRun run) {
        return switch (run.outcome()) {
            case FOR_INTERRUPTED -> "did not run, the state did not hold";
            case DROPPED_BY_MODE -> "did not run";
            case DROPPED_AT_STARTUP -> "did not run, the gateway was starting";
            case MISSED -> "missed while the gateway was down";
            case INTERRUPTED_BY_RESTART -> "interrupted by a restart";
            case PAUSED -> "paused, it triggered itself too often";
            case WAITING_FOR_DEVICES -> "not armed, waiting for devices";
            default -> run.outcome().name().toLowerCase().replace('_', ' ');
        };
    }

    private static String lastStep(AutomationRun run) {
        if (run.steps().isEmpty()) return run.details().isEmpty() ? "no step ran" : run.details().get(run.details().size() - 1);
        AutomationRun.Step last = run.steps().get(run.steps().size() - 1);
        return last.action() + " — " + last.outcome();
    }

    private static List<String> failures(List<String> details) {
        List<String> out = new ArrayList<>();
        for (String d : details) {
            int at = d.indexOf("failed: ");
            if (at >= 0) out.add(condition(d.substring(at + "failed: ".length())));
        }
        if (out.isEmpty()) out.add("a condition was false");
        return out;
    }

    /** One failed condition's text in words; unknown shapes as they are. */
    static String condition(String text) {
        Matcher m;
        if ((m = SUN.matcher(text)).matches()) {
            String when = m.group(1) != null && m.group(2) != null ? "it is day" : m.group(1) != null ? "it is before sunset" : "it is after sunrise";
            return "sun condition — " + when + " (" + m.group(3) + ")";
        }
        if ((m = TIME.matcher(text)).matches()) return "time condition — it is " + m.group(2) + ", not" + m.group(1);
        if ((m = EXPR.matcher(text)).matches()) {
            return "expression " + m.group(1) + (m.group(2).equals("was") ? " is " + m.group(3) : " could not be evaluated: " + m.group(3));
        }
        if ((m = STATE.matcher(text)).matches()) {
            if (m.group(4) != null && m.group(2).equals(m.group(3))) return m.group(1) + " is " + m.group(2) + " for only " + m.group(5) + ", not " + m.group(4);
            return m.group(1) + " is " + m.group(3) + ", not " + m.group(2);
        }
        if ((m = NUMERIC.matcher(text)).matches() && (m.group(2) != null || m.group(4) != null)) return numeric(m);
        return text;
    }

    /** "hallway_lux.illuminance 197 ≥ 30": the value seen against the bound it missed. */
    private static String numeric(Matcher m) {
        String ref = m.group(1);
        String seen = m.group(6);
        double value;
        try {
            value = Double.parseDouble(seen);
        } catch (NumberFormatException e) {
            return ref + " is " + seen + ", not a number";
        }
        if (m.group(3) != null && !(value > Double.parseDouble(m.group(3)))) return ref + " " + seen + " ≤ " + plain(m.group(3));
        if (m.group(5) != null && !(value < Double.parseDouble(m.group(5)))) return ref + " " + seen + " ≥ " + plain(m.group(5));
        return ref + " " + seen;
    }

    private static String plain(String number) {
        return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
    }
}
