package dev.hearth.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** docs/benchmarks.md: tables of medians (min–max) per subject, and Hearth's ratios to the floor and to Node-RED. */
final class Report {
    static final String HEARTH = "Hearth";
    static final String FLOOR = "floor";
    static final String NODE_RED = "Node-RED";

    private final Results results;

    Report(Results results) {
        this.results = results;
    }

    /** One table per section. */
    String tables() {
        StringBuilder b = new StringBuilder();
        for (String section : results.sections()) {
            b.append("\n### ").append(capitalize(section)).append("\n\n")
                    .append("| measure | Hearth | floor (bare Paho) | Node-RED 4 | Hearth ÷ floor | Hearth ÷ Node-RED |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (Results.Metric m : results.metrics()) {
                if (!m.section().equals(section)) continue;
                b.append("| ").append(m.name()).append(" (").append(m.unit()).append(", ")
                        .append(m.lowerIsBetter() ? "lower" : "higher").append(" is better) | ")
                        .append(cell(m, HEARTH)).append(" | ").append(cell(m, FLOOR)).append(" | ")
                        .append(cell(m, NODE_RED)).append(" | ").append(ratio(m, FLOOR)).append(" | ")
                        .append(ratio(m, NODE_RED)).append(" |\n");
            }
        }
        return b.toString();
    }

    /**
     * Every measure, in every section, where Hearth's median is worse than Node-RED's, or where Node-RED
     * has a figure and Hearth none (its run did not finish: a loss too, not a blank).
     */
    List<String> lossesToNodeRed() {
        List<String> losses = new java.util.ArrayList<>();
        for (Results.Metric m : results.metrics()) {
            Optional<Double> h = results.median(m, HEARTH);
            Optional<Double> n = results.median(m, NODE_RED);
            if (n.isEmpty()) continue;
            String where = m.name() + " (" + m.section() + "): ";
            if (h.isEmpty()) losses.add(where + "Hearth no figure (its run did not finish), Node-RED " + format(n.get()) + " " + m.unit());
            else if (m.lowerIsBetter() ? h.get() > n.get() : h.get() < n.get()) {
                losses.add(where + "Hearth " + format(h.get()) + " " + m.unit() + ", Node-RED " + format(n.get()) + " " + m.unit());
            }
        }
        return losses;
    }

    private String cell(Results.Metric m, String subject) {
        List<Double> v = results.of(m, subject);
        if (v.isEmpty()) return "–";
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String median = format(results.median(m, subject).orElseThrow());
        return v.size() == 1 ? median : median + " (" + format(min) + "–" + format(max) + ")";
    }

    private String ratio(Results.Metric m, String other) {
        Optional<Double> h = results.median(m, HEARTH);
        Optional<Double> o = results.median(m, other);
        if (h.isEmpty() || o.isEmpty() || o.get() == 0) return "–";
        return String.format(Locale.ROOT, "%.2f×", h.get() / o.get());
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
