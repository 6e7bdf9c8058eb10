package dev.hearth.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated report lists every loss to Node-RED and a row for every target of issue 7. */
class DocumentTest {
    private final Results results = new Results();

    private void add(String section, String name, String unit, boolean lower, String who, double value) {
        results.add(new Results.Metric(section, name, unit, lower), who, value);
    }

    @Test
    void everyLossToNodeRedIsListedIncludingRunsHearthDidNotFinish() {
        add(Suite.FREE, Suite.STARTUP, "ms", true, Report.HEARTH, 900);
        add(Suite.FREE, Suite.STARTUP, "ms", true, Report.NODE_RED, 800);
        add(Suite.FREE, Suite.throughput(64), "/s", false, Report.HEARTH, 9_000);
        add(Suite.FREE, Suite.throughput(64), "/s", false, Report.NODE_RED, 8_000); // a win: not listed
        add(Suite.FREE, Suite.throughput(250), "/s", false, Report.HEARTH, 7_000);
        add(Suite.FREE, Suite.throughput(250), "/s", false, Report.NODE_RED, 8_000);
        add(Suite.PINNED, Suite.RSS_IDLE, "MiB", true, Report.HEARTH, 150);
        add(Suite.PINNED, Suite.RSS_IDLE, "MiB", true, Report.NODE_RED, 130);
        add(Suite.PINNED, Suite.latency(1, "p50"), "ms", true, Report.NODE_RED, 40); // Hearth's pinned run did not finish

        List<String> losses = new Report(results).lossesToNodeRed();

        assertThat(losses).hasSize(4);
        assertThat(losses.get(0)).startsWith(Suite.STARTUP + " (all cores): Hearth 900 ms");
        assertThat(losses.get(1)).startsWith(Suite.throughput(250));
        assertThat(losses.get(2)).startsWith(Suite.RSS_IDLE + " (" + Suite.PINNED + ")");
        assertThat(losses.get(3)).contains("Hearth no figure");
        assertThat(render()).contains("* " + losses.get(3));
    }

    @Test
    void theTargetTableHasARowForEveryTargetOfTheIssueEvenWithNothingMeasured() {
        String doc = render();
        String targets = doc.substring(doc.indexOf("## Targets from issue 7"), doc.indexOf("## Where Hearth loses"));

        assertThat(targets).contains("1 pair: p50 within 1.2× the floor", "1 pair: p50 below Node-RED", "1 pair: p99 ≤ 1.5 ms",
                "5,000 msg/s through 100 automations", "25,000 msg/s through 100 automations", "saturation ≥ 1.5× Node-RED",
                "RSS ≤ 64 MB idle", "RSS ≤ 96 MB under load", "start to first actuation ≤ 600 ms", "reconnect ≤ 1 s",
                "durable appends ≥ 20,000 msg/s", "bytes written per message ≤ 2× payload", "drain ≥ 10,000 msg/s",
                "recovery after a 60 s outage", "engine: per-event cost within 1.5× from 10 to 100,000 automations");
    }

    @Test
    void everyBytesWrittenFigureOfTheOutboxIsJudgedAgainstTwiceThePayload() {
        add(Suite.OUTBOX, OutboxFigures.BYTES_RATIO + " (backlog drained)", "×", true, Report.HEARTH, 3.5);
        add(Suite.OUTBOX, OutboxFigures.BYTES_RATIO + " (acknowledged while up)", "×", true, Report.HEARTH, 1.5);

        assertThat(render()).contains("| outbox: bytes written per message ≤ 2× payload (backlog drained) | 3.50× payload | **no** |")
                .contains("| outbox: bytes written per message ≤ 2× payload (acknowledged while up) | 1.50× payload | yes |");
    }

    @Test
    void saturationIsTheLargestRateOfEachSubjectOverAllPairCounts() {
        add(Suite.FREE, Suite.throughput(64), "/s", false, Report.HEARTH, 20_000);
        add(Suite.FREE, Suite.throughput(250), "/s", false, Report.HEARTH, 30_000);
        add(Suite.FREE, Suite.throughput(1000) + " (2,000 automations)", "/s", false, Report.HEARTH, 25_000);
        add(Suite.FREE, Suite.throughput(64), "/s", false, Report.NODE_RED, 12_000);
        add(Suite.FREE, Suite.throughput(1000) + " (2,000 automations)", "/s", false, Report.NODE_RED, 19_000);

        assertThat(render()).contains("| saturation ≥ 1.5× Node-RED (largest round trips/s over all pair counts) | "
                + "30,000 /s (250 pairs) vs 19,000 /s (1000 pairs (2,000 automations)): 1.58× | yes |");
    }

    @Test
    void theEngineTargetIsOnlyJudgedWhenTheRangeReaches100000Automations() {
        add(EngineFigures.SECTION, EngineFigures.name(10, 1), "events/s", false, Report.HEARTH, 1_000_000);
        add(EngineFigures.SECTION, EngineFigures.name(10_000, 1), "events/s", false, Report.HEARTH, 900_000);

        assertThat(render()).contains("measured 10 to 10,000 only) | cost at 10,000 ÷ cost at 10: 1.11× | – |");

        add(EngineFigures.SECTION, EngineFigures.name(100_000, 1), "events/s", false, Report.HEARTH, 500_000);
        assertThat(render()).contains("| cost at 100,000 ÷ cost at 10: 2.00× | **no** |");
    }

    private String render() {
        return new Document(results, Duration.ofSeconds(1), "test", "", java.nio.file.Path.of("/nonexistent"),
                new JvmOptions(java.util.Optional.empty(), List.of())).render();
    }
}
