package dev.hearth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** docs/benchmarks.md's tables: medians (min–max) per subject, and Hearth's ratio to each other subject. */
final class Report {
    static final String HEARTH = "Hearth";
    static final String FLOOR = "floor";
    static final String NODE_RED = "Node-RED";
    static final String NODE_RED_TUNED = "Node-RED tuned";
    static final String MQTT_JS = "mqtt.js";
    /** Column order; a section shows the subjects it has figures of. */
    static final List<String> SUBJECTS = List.of(HEARTH, NODE_RED, NODE_RED_TUNED, MQTT_JS, FLOOR);

    private final Results results;

    Report(Results results) {
        this.results = results;
    }

    static String heading(String subject) {
        return switch (subject) {
            case NODE_RED -> "Node-RED 4 as installed";
            case NODE_RED_TUNED -> "Node-RED 4 tuned (Nagle off)";
            case MQTT_JS -> "bare mqtt.js";
            case FLOOR -> "floor (bare Paho)";
            default -> subject;
        };
    }

    /** One table per section. */
    String tables() {
        StringBuilder b = new StringBuilder();
        for (String section : results.sections()) {
            List<Results.Metric> metrics = results.metrics().stream().filter(m -> m.section().equals(section)).toList();
            List<String> who = SUBJECTS.stream().filter(s -> metrics.stream().anyMatch(m -> !results.of(m, s).isEmpty())).toList();
            List<String> others = who.stream().filter(s -> !s.equals(HEARTH)).toList();
            b.append("\n### ").append(capitalize(section)).append("\n\n| measure |");
            who.forEach(s -> b.append(' ').append(heading(s)).append(" |"));
            others.forEach(s -> b.append(" Hearth ÷ ").append(s).append(" |"));
            b.append("\n|---|").append("---|".repeat(who.size() + others.size())).append('\n');
            for (Results.Metric m : metrics) {
                b.append("| ").append(describe(m)).append(" |");
                who.forEach(s -> b.append(' ').append(cell(m, s)).append(" |"));
                others.forEach(s -> b.append(' ').append(ratio(m, s)).append(" |"));
                b.append('\n');
            }
        }
        return b.toString();
    }

    static String describe(Results.Metric m) {
        return m.name() + " (" + m.unit() + ", " + (m.lowerIsBetter() ? "lower" : "higher") + " is better)";
    }

    /** Node-RED's better median of the two (as installed, tuned): a target is never met on one's artifact. */
    Optional<Double> bestNodeRed(Results.Metric m) {
        Optional<Double> a = results.median(m, NODE_RED);
        Optional<Double> t = results.median(m, NODE_RED_TUNED);
        if (a.isEmpty()) return t;
        if (t.isEmpty()) return a;
        return Optional.of(m.lowerIsBetter() ? Math.min(a.get(), t.get()) : Math.max(a.get(), t.get()));
    }

    /**
     * Every measure, in every section, where Hearth's median is worse than Node-RED's best (installed or tuned), or where
     * Node-RED has a figure and Hearth none (its run did not finish: a loss too, not a blank).
     */
    List<String> lossesToNodeRed() {
        List<String> losses = new ArrayList<>();
        for (Results.Metric m : results.metrics()) {
            Optional<Double> h = results.median(m, HEARTH);
            Optional<Double> n = bestNodeRed(m);
            if (n.isEmpty()) continue;
            String where = m.name() + " (" + m.section() + "): ";
            if (h.isEmpty()) losses.add(where + "Hearth no figure (its run did not finish), Node-RED " + format(n.get()) + " " + m.unit());
            else if (m.lowerIsBetter() ? h.get() > n.get() : h.get() < n.get()) {
                losses.add(where + "Hearth " + format(h.get()) + " " + m.unit() + ", Node-RED " + format(n.get()) + " " + m.unit()
                        + String.format(Locale.ROOT, " (%.2f×)", h.get() / n.get()));
            }
        }
        return losses;
    }

    String cell(Results.Metric m, String subject) {
        List<Double> v = results.of(m, subject);
        if (v.isEmpty()) return "–";
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String median = format(results.median(m, subject).orElseThrow());
        return v.size() == 1 ? median : median + " (" + format(min) + "–" + format(max) + ")";
    }

    String ratio(Results.Metric m, String other) {
        return ratio(results.median(m, HEARTH), results.median(m, other));
    }

    static String ratio(Optional<Double> a, Optional<Double> b) {
        if (a.isEmpty() || b.isEmpty() || b.get() == 0) return "–";
        return String.format(Locale.ROOT, "%.2f×", a.get() / b.get());
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
