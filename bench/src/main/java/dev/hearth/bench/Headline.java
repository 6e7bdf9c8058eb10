package dev.hearth.bench;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The report's first tables: the figures the targets are about, one table per QoS (QoS 0 first: Zigbee2MQTT's
 * default), every subject side by side; then the Pi-class projection, each subject on all cores and on one core.
 */
final class Headline {
    private static final int LOOPS = 64;
    private static final int SATURATION = 1000;

    private final Results results;
    private final Report report;

    Headline(Results results) {
        this.results = results;
        this.report = new Report(results);
    }

    /** The QoS levels the main workload ran with, lowest first. */
    List<Integer> qosLevels() {
        TreeSet<Integer> levels = new TreeSet<>();
        for (String section : results.sections()) {
            if (section.startsWith("QoS ")) levels.add(Integer.parseInt(section.substring(4, section.indexOf(','))));
        }
        return List.copyOf(levels);
    }

    String render() {
        StringBuilder b = new StringBuilder();
        for (int qos : qosLevels()) {
            b.append("\n### QoS ").append(qos).append(qos == 0 ? " (Zigbee2MQTT's default), all cores" : ", all cores").append("\n\n");
            table(b, Suite.section(qos, false), rows(true));
        }
        for (int qos : qosLevels()) {
            b.append("\n### Pi-class projection, QoS ").append(qos).append(": all cores beside one core\n\n")
                    .append("One core: `taskset -c 0`, and `-XX:ActiveProcessorCount=1` for the JVMs (Vert.x, the collector and ")
                    .append("Paho size themselves for one core); the broker and the load client keep both cores.\n\n");
            projection(b, qos);
        }
        return b.toString();
    }

    /** The headline measures of a section, by name. */
    private static List<String> rows(boolean withSaturation) {
        List<String> names = new java.util.ArrayList<>(List.of(Suite.latency(1, "p50"), Suite.latency(1, "p99"), Suite.throughput(LOOPS),
                Suite.latency(LOOPS, "p99"), Suite.cpu(LOOPS)));
        if (withSaturation) names.addAll(List.of(Suite.saturated(SATURATION), Suite.cpu(SATURATION)));
        names.addAll(List.of(Suite.RSS_IDLE, Suite.RSS_LOAD));
        if (withSaturation) names.add(Suite.STARTUP);
        return names;
    }

    private void table(StringBuilder b, String section, List<String> names) {
        List<Results.Metric> metrics = names.stream().map(n -> results.find(section, n)).flatMap(Optional::stream).toList();
        List<String> who = Report.SUBJECTS.stream().filter(s -> metrics.stream().anyMatch(m -> !results.of(m, s).isEmpty())).toList();
        if (metrics.isEmpty()) {
            b.append("Not measured in this run.\n");
            return;
        }
        b.append("| measure |");
        who.forEach(s -> b.append(' ').append(Report.heading(s)).append(" |"));
        b.append(" Hearth ÷ Node-RED at its best |\n|---|").append("---|".repeat(who.size() + 1)).append('\n');
        for (Results.Metric m : metrics) {
            b.append("| ").append(Report.describe(m)).append(" |");
            who.forEach(s -> b.append(' ').append(report.cell(m, s)).append(" |"));
            b.append(' ').append(Report.ratio(results.median(m, Report.HEARTH), report.bestNodeRed(m))).append(" |\n");
        }
    }

    private void projection(StringBuilder b, int qos) {
        String all = Suite.section(qos, false);
        String one = Suite.section(qos, true);
        List<String> who = List.of(Report.HEARTH, Report.NODE_RED, Report.FLOOR);
        b.append("| measure |");
        who.forEach(s -> b.append(' ').append(Report.heading(s).replace(" as installed", "")).append(", all cores | ")
                .append(Report.heading(s).replace(" as installed", "")).append(", one core |"));
        b.append(" Hearth one core ÷ all cores | Hearth ÷ Node-RED, one core |\n|---|")
                .append("---|".repeat(2 * who.size() + 2)).append('\n');
        for (String name : rows(false)) {
            Optional<Results.Metric> ma = results.find(all, name);
            Optional<Results.Metric> mo = results.find(one, name);
            if (ma.isEmpty() && mo.isEmpty()) continue;
            b.append("| ").append(Report.describe(ma.orElseGet(mo::get))).append(" |");
            BiFunction<Optional<Results.Metric>, String, String> cell = (m, s) -> m.map(x -> s.equals(Report.NODE_RED)
                    ? report.bestNodeRed(x).map(Report::format).orElse("–") : report.cell(x, s)).orElse("–");
            for (String s : who) b.append(' ').append(cell.apply(ma, s)).append(" | ").append(cell.apply(mo, s)).append(" |");
            Optional<Double> hearthOne = mo.flatMap(m -> results.median(m, Report.HEARTH));
            b.append(' ').append(Report.ratio(hearthOne, ma.flatMap(m -> results.median(m, Report.HEARTH)))).append(" | ")
                    .append(Report.ratio(hearthOne, mo.flatMap(report::bestNodeRed))).append(" |\n");
        }
        b.append("\nNode-RED's columns are its better figure of the two (as installed, tuned).\n");
    }
}
