package dev.hearth.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads the JMH results of bench/engine-jmh (EngineThroughput, from the automation feature) into the report. */
final class EngineFigures {
    static final String SECTION = "automation engine (JMH, in process)";

    private EngineFigures() {
    }

    static String name(int automations, int matching) {
        return String.format(Locale.ROOT, "events/s through the engine, %,d automations, %d matching", automations, matching);
    }

    /** The automation and matching counts of a figure named by {@link #name}. */
    static java.util.Optional<int[]> parse(String figure) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("engine, ([\\d,]+) automations, (\\d+) matching").matcher(figure);
        if (!m.find()) return java.util.Optional.empty();
        return java.util.Optional.of(new int[] {Integer.parseInt(m.group(1).replace(",", "")), Integer.parseInt(m.group(2))});
    }

    static void read(Path json, Results results) throws IOException {
        for (Object o : new JsonArray(Files.readString(json))) {
            JsonObject run = (JsonObject) o;
            JsonObject params = run.getJsonObject("params", new JsonObject());
            int automations = Integer.parseInt(params.getString("automations", "0"));
            int matching = Integer.parseInt(params.getString("matching", "0"));
            double score = run.getJsonObject("primaryMetric").getDouble("score");
            results.add(new Results.Metric(SECTION, name(automations, matching), "events/s", false), Report.HEARTH, score);
        }
    }
}
