package dev.hearth.gateway.automation.trace;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored body of a row of traces, written by hand into one reused builder (Vert.x's {@code JsonObject} built a map
 * and a list per trace and, with jackson-databind on the classpath, went through databind). Version 2 writes each text
 * once per row: the runs of an automation repeat its name, trigger, step texts and outcomes, which were ~90 % of a row
 * of version 1 (~270 bytes a run, ~40 now), and every byte of a row is encoded, inserted, compressed and written:
 * <pre>{"v":2,"runs":[[automation, at, trigger, outcome, [detail…], [[action, outcome, at, millis]…], finished]…],"texts":[…]}</pre>
 * where texts are indexes into {@code texts} and times are nanoseconds after a base: a run's {@code at} after the
 * previous run's (the first after the epoch), a step's and {@code finished} after the run's {@code at}; a time too
 * far from its base for a long (a broken clock) is an ISO-8601 string. Bodies of older versions still read: version 1
 * (an array of objects, epoch nanoseconds) and the first (one object, ISO-8601 times). Reading is rare (the CLI, the
 * dashboard after a restart) and keeps {@code JsonObject}.
 */
final class TraceJson {
    /** Whole seconds whose nanoseconds surely fit a long (2^63 ns is about 9.22e9 s). */
    private static final long NANO_SECONDS_RANGE = 9_000_000_000L;
    private static final int VERSION = 2;

    private TraceJson() {
    }

    /** The body of a row: runs (of one automation, oldest first) in version 2. */
    static String encode(List<AutomationRun> runs, StringBuilder out) {
        Map<String, Integer> texts = new LinkedHashMap<>();
        out.setLength(0);
        out.append("{\"v\":").append(VERSION).append(",\"runs\":[");
        Instant previous = Instant.EPOCH;
        for (int i = 0; i < runs.size(); i++) {
            if (i > 0) out.append(',');
            run(out, runs.get(i), previous, texts);
            previous = runs.get(i).at();
        }
        out.append("],\"texts\":[");
        int i = 0;
        for (String text : texts.keySet()) {
            if (i++ > 0) out.append(',');
            string(out, text);
        }
        return out.append("]}").toString();
    }

    /** The runs of a row, oldest first, whatever version wrote it. */
    static List<AutomationRun> decode(String body) {
        if (body.startsWith("[")) {
            JsonArray rows = new JsonArray(body);
            List<AutomationRun> runs = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) runs.add(run(rows.getJsonObject(i)));
            return runs;
        }
        JsonObject row = new JsonObject(body);
        if (!row.containsKey("v")) return List.of(run(row));
        if (!Integer.valueOf(VERSION).equals(row.getInteger("v"))) {
            throw new IllegalArgumentException("a row of traces in format version " + row.getValue("v") + " (this gateway reads 2)");
        }
        return runs(row.getJsonArray("runs"), row.getJsonArray("texts"));
    }

    private static void run(StringBuilder out, AutomationRun run, Instant previous, Map<String, Integer> texts) {
        out.append('[').append(text(texts, run.automation())).append(',');
        relative(out, previous, run.at());
        out.append(',').append(text(texts, run.trigger())).append(',').append(text(texts, run.outcome().name())).append(",[");
        List<String> details = run.details();
        for (int i = 0; i < details.size(); i++) {
            if (i > 0) out.append(',');
            out.append(text(texts, details.get(i)));
        }
        out.append("],[");
        List<AutomationRun.Step> steps = run.steps();
        for (int i = 0; i < steps.size(); i++) {
            AutomationRun.Step s = steps.get(i);
            out.append(i > 0 ? ",[" : "[").append(text(texts, s.action())).append(',').append(text(texts, s.outcome())).append(',');
            relative(out, run.at(), s.at());
            out.append(',').append(s.millis()).append(']');
        }
        out.append("],");
        relative(out, run.at(), run.finished());
        out.append(']');
    }

    private static int text(Map<String, Integer> texts, String text) {
        Integer known = texts.putIfAbsent(text, texts.size());
        return known == null ? texts.size() - 1 : known;
    }

    private static List<AutomationRun> runs(JsonArray stored, JsonArray textArray) {
        String[] texts = new String[textArray.size()];
        for (int i = 0; i < texts.length; i++) texts[i] = textArray.getString(i);
        List<AutomationRun> runs = new ArrayList<>(stored.size());
        Instant previous = Instant.EPOCH;
        for (int i = 0; i < stored.size(); i++) {
            JsonArray r = stored.getJsonArray(i);
            Instant at = instant(previous, r.getValue(1));
            List<String> details = new ArrayList<>();
            r.getJsonArray(4).forEach(d -> details.add(texts[((Number) d).intValue()]));
            List<AutomationRun.Step> steps = new ArrayList<>();
            JsonArray storedSteps = r.getJsonArray(5);
            for (int j = 0; j < storedSteps.size(); j++) {
                JsonArray s = storedSteps.getJsonArray(j);
                steps.add(new AutomationRun.Step(texts[s.getInteger(0)], texts[s.getInteger(1)], instant(at, s.getValue(2)), s.getLong(3)));
            }
            runs.add(new AutomationRun(texts[r.getInteger(0)], at, texts[r.getInteger(2)], AutomationRun.Outcome.valueOf(texts[r.getInteger(3)]),
                    details, steps, instant(at, r.getValue(6))));
            previous = at;
        }
        return runs;
    }

    /** A version 1 or first-version trace: an object with epoch nanoseconds or ISO-8601 times. */
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

    /** Nanoseconds after {@code base}, or the time itself as text when they would not fit a long. */
    private static void relative(StringBuilder out, Instant base, Instant at) {
        long seconds = at.getEpochSecond() - base.getEpochSecond();
        if (seconds > -NANO_SECONDS_RANGE && seconds < NANO_SECONDS_RANGE) {
            out.append(seconds * 1_000_000_000L + (at.getNano() - base.getNano()));
        } else {
            out.append('"').append(at).append('"');
        }
    }

    private static Instant instant(Instant base, Object stored) {
        if (stored instanceof Number n) return base.plusNanos(n.longValue());
        return Instant.parse((String) stored);
    }

    private static Instant instant(Object stored) {
        return instant(Instant.EPOCH, stored);
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
