package dev.hearth.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets table: issue 19's (QoS 0 unless said, ratios to Node-RED at its best of as installed and tuned, so that
 * none is met on a peer's artifact), then those of issue 7 it did not replace. Every row says met, missed or "–"
 * (not measured).
 */
final class Targets {
    private static final String QOS0 = Suite.section(0, false);
    private static final String QOS1 = Suite.section(1, false);

    private final Results results;
    private final Report report;

    Targets(Results results) {
        this.results = results;
        this.report = new Report(results);
    }

    String render() {
        StringBuilder b = new StringBuilder("| target | measured | met? |\n|---|---|---|\n");
        atLeastNodeRed(b, "64 pairs: round trips/s ≥ 1.0× Node-RED", QOS0, Suite.throughput(64));
        atLeastNodeRed(b, "1,000 pairs: round trips/s ≥ 1.0× Node-RED", QOS0, Suite.saturated(1000));
        atLeastNodeRed(b, "1 pair: p50 ≤ Node-RED's", QOS0, Suite.latency(1, "p50"));
        Optional<Double> p99 = hearth(QOS0, Suite.latency(1, "p99"));
        row(b, "1 pair: p99 ≤ 1.5 ms", ms(p99), p99.map(v -> v <= 1.5));
        cpu(b, 64);
        cpu(b, 1000);
        for (String name : List.of(Suite.latency(1, "p50"), Suite.latency(1, "p99"), Suite.throughput(64))) {
            againstTuned(b, name);
        }
        Optional<Double> idle = hearth(QOS0, Suite.RSS_IDLE);
        Optional<Double> load = hearth(QOS0, Suite.RSS_LOAD);
        row(b, "RSS ≤ 64 MiB idle (-Xmx64m, 1,000 devices, 500 automations)", mib(idle) + nodeRed(QOS0, Suite.RSS_IDLE, " MiB"),
                idle.map(v -> v <= 64));
        row(b, "RSS ≤ 96 MiB under load", mib(load) + nodeRed(QOS0, Suite.RSS_LOAD, " MiB"), load.map(v -> v <= 96));
        Optional<Double> start = hearth(QOS0, Suite.STARTUP);
        row(b, "start to first actuation ≤ 500 ms (external broker)", ms(start) + " (ready, /health 200: " + ms(hearth(QOS0, Suite.READY)) + ")",
                start.map(v -> v <= 500));
        new OutboxTargets(results).render(b);
        return b.toString();
    }

    /** Hearth's median against Node-RED's best, in the direction the measure is better. */
    private void atLeastNodeRed(StringBuilder b, String target, String section, String name) {
        Optional<Results.Metric> m = results.find(section, name);
        Optional<Double> h = m.flatMap(x -> results.median(x, Report.HEARTH));
        Optional<Double> n = m.flatMap(report::bestNodeRed);
        boolean lower = m.map(Results.Metric::lowerIsBetter).orElse(false);
        String unit = m.map(x -> " " + x.unit()).orElse("");
        row(b, target, value(h, unit) + " vs " + value(n, unit) + ": " + Report.ratio(h, n),
                both(h, n) ? Optional.of(lower ? h.get() <= n.get() : h.get() >= n.get()) : Optional.empty());
    }

    private void cpu(StringBuilder b, int pairs) {
        Optional<Double> h = hearth(QOS0, Suite.cpu(pairs));
        Optional<Double> f = results.median(QOS0, Suite.cpu(pairs), Report.FLOOR);
        row(b, "CPU per round trip ≤ 2× the bare Paho floor's (" + pairs + " pairs)", value(h, " µs") + " vs " + value(f, " µs") + ": "
                + Report.ratio(h, f), both(h, f) ? Optional.of(h.get() <= 2 * f.get()) : Optional.empty());
    }

    /** QoS 1: at least as good as the tuned Node-RED (and so as the installed one, whose 44 ms is Nagle's). */
    private void againstTuned(StringBuilder b, String name) {
        Optional<Results.Metric> m = results.find(QOS1, name);
        Optional<Double> h = m.flatMap(x -> results.median(x, Report.HEARTH));
        Optional<Double> t = m.flatMap(x -> results.median(x, Report.NODE_RED_TUNED));
        Optional<Double> a = m.flatMap(x -> results.median(x, Report.NODE_RED));
        boolean lower = m.map(Results.Metric::lowerIsBetter).orElse(true);
        String unit = m.map(x -> " " + x.unit()).orElse("");
        row(b, "QoS 1, " + name + ": ≥ Node-RED tuned", value(h, unit) + " vs " + value(t, unit) + ": " + Report.ratio(h, t)
                        + " (Node-RED as installed " + value(a, unit) + ")",
                both(h, t) ? Optional.of(lower ? h.get() <= t.get() : h.get() >= t.get()) : Optional.empty());
    }

    private String nodeRed(String section, String name, String unit) {
        return results.find(section, name).flatMap(report::bestNodeRed).map(v -> " (Node-RED " + Report.format(v) + unit + ")").orElse("");
    }

    private Optional<Double> hearth(String section, String name) {
        return results.median(section, name, Report.HEARTH);
    }

    static boolean both(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent();
    }

    static void row(StringBuilder b, String target, String measured, Optional<Boolean> met) {
        b.append("| ").append(target).append(" | ").append(measured).append(" | ")
                .append(met.map(m -> m ? "yes" : "**no**").orElse("–")).append(" |\n");
    }

    static String value(Optional<Double> v, String unit) {
        return v.map(x -> Report.format(x) + unit).orElse("–");
    }

    static String ms(Optional<Double> v) {
        return value(v, " ms");
    }

    static String mib(Optional<Double> v) {
        return value(v, " MiB");
    }

    static String count(Optional<Double> v) {
        return v.map(x -> String.format(Locale.ROOT, "%,d", Math.round(x))).orElse("–");
    }
}
