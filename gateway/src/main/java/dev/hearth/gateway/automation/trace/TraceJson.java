package dev.hearth.gateway.automation.trace;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored body of a row of traces: a JSON array of small objects, written by hand into one reused builder (Vert.x's
 * {@code JsonObject} built a map and a list per trace and, with jackson-databind on the classpath, went through
 * databind). Times are epoch nanoseconds: exact, and no date formatting per trace. Bodies of older versions (one
 * object, ISO-8601 times) still read. Reading is rare (the CLI, the dashboard after a restart) and keeps
 * {@code JsonObject}.
 */
final class TraceJson {
    /** Whole seconds whose epoch nanoseconds surely fit a long (2^63 ns is about 9.22e9 s). */
    private static final long NANO_SECONDS_RANGE = 9_000_000_000L;

    private TraceJson() {
    }

    /** The body of a row: the runs of one automation, oldest first, as a JSON array. */
    static String encode(List<AutomationRun> runs, StringBuilder out) {
        out.setLength(0);
        out.append('[');
        for (int i = 0; i < runs.size(); i++) {
            if (i > 0) out.append(',');
            object(out, runs.get(i));
        }
        return out.append(']').toString();
    }

    /** The runs of a row, oldest first: an array, or one object (rows written before traces were saved in groups). */
    static List<AutomationRun> decode(String body) {
        if (!body.startsWith("[")) return List.of(run(new JsonObject(body)));
        JsonArray rows = new JsonArray(body);
        List<AutomationRun> runs = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) runs.add(run(rows.getJsonObject(i)));
        return runs;
    }

    private static void object(StringBuilder out, AutomationRun run) {
        out.append("{\"automation\":");
        string(out, run.automation());
        out.append(",\"at\":");
        instant(out, run.at());
        out.append(",\"trigger\":");
        string(out, run.trigger());
        out.append(",\"outcome\":\"").append(run.outcome().name()).append("\",\"details\":[");
        List<String> details = run.details();
        for (int i = 0; i < details.size(); i++) {
            if (i > 0) out.append(',');
            string(out, details.get(i));
        }
        out.append("],\"steps\":[");
        List<AutomationRun.Step> steps = run.steps();
        for (int i = 0; i < steps.size(); i++) {
            AutomationRun.Step s = steps.get(i);
            out.append(i > 0 ? ",{\"action\":" : "{\"action\":");
            string(out, s.action());
            out.append(",\"outcome\":");
            string(out, s.outcome());
            out.append(",\"at\":");
            instant(out, s.at());
            out.append(",\"millis\":").append(s.millis()).append('}');
        }
        out.append("],\"finished\":");
        instant(out, run.finished());
        out.append('}');
    }

    private static AutomationRun run(JsonObject j) {
        List<String> details = new ArrayList<>();
        j.getJsonArray("details").forEach(d -> details.add(String.valueOf(d)));
        List<AutomationRun.Step> steps = new ArrayList<>();
        JsonArray stored = j.getJsonArray("steps");
        for (int i = 0; i < stored.size(); i++) {
            JsonObject s = stored.getJsonObject(i);
            steps.add(new AutomationRun.Step(s.getString("action"), s.getString("outcome"), instant(s.getValue("at")), s.getLong("millis")));
        }
        return new AutomationRun(j.getString("automation"), instant(j.getValue("at")), j.getString("trigger"),
                AutomationRun.Outcome.valueOf(j.getString("outcome")), details, steps, instant(j.getValue("finished")));
    }

    /** Epoch nanoseconds fit a long from 1678 to 2262; a time outside (a broken clock) is kept as text. */
    private static void instant(StringBuilder out, Instant at) {
        if (at.getEpochSecond() > -NANO_SECONDS_RANGE && at.getEpochSecond() < NANO_SECONDS_RANGE) {
            out.append(at.getEpochSecond() * 1_000_000_000L + at.getNano());
        } else {
            out.append('"').append(at).append('"');
        }
    }

    private static Instant instant(Object stored) {
        if (stored instanceof Number n) return Instant.ofEpochSecond(0, n.longValue());
        return Instant.parse((String) stored);
    }

    /** A JSON string: quotes, backslashes and control characters escaped; everything else as it is (UTF-16 is fine in H2). */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(s, plain, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
            plain = i + 1;
        }
        out.append(s, plain, s.length()).append('"');
    }
}
