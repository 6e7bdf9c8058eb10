package dev.hearth.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.hearth.bench.Targets.count;
import static dev.hearth.bench.Targets.ms;
import static dev.hearth.bench.Targets.row;

/**
 * The targets table's rows that are Hearth's alone: the outbox's rates (issue 19: no regression), and issue 7's
 * still tracked (bytes written, recovery after an outage, paced floods, reconnect, the engine's scaling).
 */
final class OutboxTargets {
    private final Results results;

    OutboxTargets(Results results) {
        this.results = results;
    }

    void render(StringBuilder b) {
        Optional<Double> app = first(Suite.OUTBOX, n -> n.startsWith("durable appends") && n.endsWith("process"));
        row(b, "outbox: durable appends ≥ 20,000 msg/s with group commit (durability process)",
                app.map(v -> Report.format(v) + " msg/s").orElse("–"), app.map(v -> v >= 20_000));
        Optional<Double> dr = first(Suite.OUTBOX, n -> n.startsWith("drain of"));
        row(b, "outbox: drain ≥ 10,000 msg/s", dr.map(v -> Report.format(v) + " msg/s").orElse("–"), dr.map(v -> v >= 10_000));
        b.append("| *issue 7's targets, still tracked* | | |\n");
        List<Results.Metric> bytes = results.metrics().stream()
                .filter(x -> x.section().equals(Suite.OUTBOX) && x.name().startsWith(OutboxFigures.BYTES_RATIO)).toList();
        if (bytes.isEmpty()) {
            row(b, "outbox: bytes written per message ≤ 2× payload", "not measured: OutboxThroughput reports no bytes written", Optional.empty());
        }
        for (Results.Metric x : bytes) {
            Optional<Double> v = results.median(x, Report.HEARTH);
            row(b, "outbox: bytes written per message ≤ 2× payload " + x.name().substring(OutboxFigures.BYTES_RATIO.length()).strip(),
                    v.map(r -> String.format(Locale.ROOT, "%.2f× payload", r)).orElse("–"), v.map(r -> r <= 2));
        }
        recovery(b);
        paced(b, 5_000, 2.0);
        paced(b, 25_000, 50.0);
        Optional<Double> back = results.median(Suite.FREE, Suite.RECONNECT + " 5 s outage", Report.HEARTH);
        row(b, "reconnect ≤ 1 s after the broker returns (5 s outage)", ms(back), back.map(v -> v <= 1000));
        engine(b);
    }

    private void recovery(StringBuilder b) {
        Optional<Double> queued = first(UplinkOutage.SECTION, n -> n.startsWith(UplinkOutage.QUEUED));
        Optional<Double> recovery = first(UplinkOutage.SECTION, n -> n.startsWith(UplinkOutage.RECOVERY));
        Optional<Double> missing = first(UplinkOutage.SECTION, n -> n.startsWith(UplinkOutage.MISSING));
        Optional<Double> disorder = first(UplinkOutage.SECTION, n -> n.startsWith(UplinkOutage.OUT_OF_ORDER));
        Optional<Double> duplicates = first(UplinkOutage.SECTION, n -> n.startsWith(UplinkOutage.DUPLICATES));
        String how = results.metrics().stream().map(Results.Metric::name).filter(n -> n.startsWith(UplinkOutage.RECOVERY)).findFirst()
                .map(n -> n.substring(UplinkOutage.RECOVERY.length()).strip()).orElse("(60 s outage, 1,000 msg/s)");
        row(b, "outbox: recovery after a 60 s outage under load " + how + ", uplink: everything arrives, each topic in order (no time target)",
                recovery.isEmpty() ? "not measured (see \"Runs that did not finish\")"
                        : count(queued) + " rows queued, all delivered " + ms(recovery) + " after the broker's return; "
                        + count(missing) + " missing, " + count(disorder) + " out of order, " + count(duplicates) + " duplicates",
                recovery.isPresent() && missing.isPresent() && disorder.isPresent()
                        ? Optional.of(missing.get() == 0 && disorder.get() == 0) : Optional.empty());
    }

    private void paced(StringBuilder b, int rate, double p99Limit) {
        Optional<Double> handled = hearth(Suite.paced(rate, "handled msg/s"));
        Optional<Double> behind = hearth(Suite.paced(rate, "behind when the flood stopped"));
        Optional<Double> p99 = hearth(Suite.paced(rate, "round trip p99"));
        Optional<Double> dropped = hearth(Suite.paced(rate, "dropped by the broker"));
        Optional<Boolean> met = handled.isPresent() && p99.isPresent() && dropped.isPresent()
                ? Optional.of(handled.get() >= 0.98 * rate && p99.get() <= p99Limit && dropped.get() == 0) : Optional.empty();
        if (handled.isPresent() && handled.get() < 0.98 * rate) met = Optional.of(false); // fell behind: missed, whatever else is missing
        row(b, String.format(Locale.ROOT, "%,d msg/s through 100 automations: p99 ≤ %s ms, nothing lost", rate, Report.format(p99Limit)),
                handled.map(v -> Report.format(v) + " msg/s handled").orElse("–") + ", behind " + ms(behind) + " at the end, p99 " + ms(p99)
                        + ", dropped " + dropped.map(Report::format).orElse("–"), met);
    }

    private void engine(StringBuilder b) {
        List<int[]> sizes = results.metrics().stream().filter(x -> x.section().equals(EngineFigures.SECTION))
                .map(x -> EngineFigures.parse(x.name())).flatMap(Optional::stream).filter(a -> a[1] == 1)
                .sorted(java.util.Comparator.comparingInt(a -> a[0])).toList();
        if (sizes.size() < 2) {
            row(b, "engine: per-event cost within 1.5× from 10 to 100,000 automations", "not measured (no JMH results)", Optional.empty());
            return;
        }
        int small = sizes.get(0)[0];
        int large = sizes.get(sizes.size() - 1)[0];
        Optional<Double> es = results.median(EngineFigures.SECTION, EngineFigures.name(small, 1), Report.HEARTH);
        Optional<Double> el = results.median(EngineFigures.SECTION, EngineFigures.name(large, 1), Report.HEARTH);
        String range = String.format(Locale.ROOT, "%,d to %,d", small, large);
        row(b, "engine: per-event cost within 1.5× from 10 to 100,000 automations (JMH, 1 matching"
                        + (large < 100_000 ? "; measured " + range + " only" : "") + ")",
                String.format(Locale.ROOT, "cost at %,d ÷ cost at %,d: %.2f×", large, small, es.get() / el.get()),
                large >= 100_000 && small <= 10 ? Optional.of(es.get() / el.get() <= 1.5) : Optional.empty());
    }

    private Optional<Double> hearth(String name) {
        return results.median(Suite.FREE, name, Report.HEARTH);
    }

    private Optional<Double> first(String section, java.util.function.Predicate<String> name) {
        return results.metrics().stream().filter(x -> x.section().equals(section) && name.test(x.name())).findFirst()
                .flatMap(x -> results.median(x, Report.HEARTH));
    }
}
