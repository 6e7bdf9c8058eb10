package dev.hearth.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated report: the QoS 0 headline first, one core beside all cores, every loss to Node-RED, a row for every target. */
class DocumentTest {
    private final Results results = new Results();

    private void add(String section, String name, String unit, boolean lower, String who, double value) {
        results.add(new Results.Metric(section, name, unit, lower), who, value);
    }

    private static final String QOS0 = Suite.section(0, false);
    private static final String QOS1 = Suite.section(1, false);
    private static final String QOS0_ONE_CORE = Suite.section(0, true);

    @Test
    void everyLossToNodeRedAtItsBestIsListedIncludingRunsHearthDidNotFinish() {
        add(QOS0, Suite.STARTUP, "ms", true, Report.HEARTH, 900);
        add(QOS0, Suite.STARTUP, "ms", true, Report.NODE_RED, 800);
        add(QOS0, Suite.throughput(64), "/s", false, Report.HEARTH, 9_000);
        add(QOS0, Suite.throughput(64), "/s", false, Report.NODE_RED, 8_000); // a win: not listed
        add(QOS1, Suite.latency(1, "p50"), "ms", true, Report.HEARTH, 0.3);
        add(QOS1, Suite.latency(1, "p50"), "ms", true, Report.NODE_RED, 44); // Nagle's artifact...
        add(QOS1, Suite.latency(1, "p50"), "ms", true, Report.NODE_RED_TUNED, 0.2); // ...tuned away: a loss
        add(QOS0_ONE_CORE, Suite.RSS_IDLE, "MiB", true, Report.HEARTH, 150);
        add(QOS0_ONE_CORE, Suite.RSS_IDLE, "MiB", true, Report.NODE_RED, 130);
        add(QOS0_ONE_CORE, Suite.latency(1, "p50"), "ms", true, Report.NODE_RED, 40); // Hearth's one-core run did not finish

        List<String> losses = new Report(results).lossesToNodeRed();

        assertThat(losses).hasSize(4);
        assertThat(losses.get(0)).startsWith(Suite.STARTUP + " (" + QOS0 + "): Hearth 900 ms");
        assertThat(losses.get(1)).startsWith(Suite.latency(1, "p50") + " (" + QOS1 + "): Hearth 0.30 ms, Node-RED 0.20 ms");
        assertThat(losses.get(2)).startsWith(Suite.RSS_IDLE + " (" + QOS0_ONE_CORE + ")");
        assertThat(losses.get(3)).contains("Hearth no figure");
        assertThat(render()).contains("* " + losses.get(3));
    }

    @Test
    void theTargetTableHasARowForEveryTargetOfTheIssueEvenWithNothingMeasured() {
        String doc = render();
        String targets = doc.substring(doc.indexOf("## Targets (issue 19"), doc.indexOf("## All results"));

        assertThat(targets).contains("64 pairs: round trips/s ≥ 1.0× Node-RED", "1,000 pairs: round trips/s ≥ 1.0× Node-RED",
                "1 pair: p50 ≤ Node-RED's", "1 pair: p99 ≤ 1.5 ms", "CPU per round trip ≤ 2× the bare Paho floor's",
                "QoS 1, round trip p50, 1 pair: ≥ Node-RED tuned", "QoS 1, round trips/s, 64 pairs: ≥ Node-RED tuned",
                "RSS ≤ 64 MiB idle", "RSS ≤ 96 MiB under load", "start to first actuation ≤ 500 ms",
                "durable appends ≥ 20,000 msg/s", "drain ≥ 10,000 msg/s", "bytes written per message ≤ 2× payload",
                "5,000 msg/s through 100 automations", "25,000 msg/s through 100 automations", "reconnect ≤ 1 s",
                "recovery after a 60 s outage", "engine: per-event cost within 1.5× from 10 to 100,000 automations");
    }

    @Test
    void aQos1TargetIsJudgedAgainstTheTunedNodeRedNotItsNagleArtifact() {
        add(QOS1, Suite.latency(1, "p50"), "ms", true, Report.HEARTH, 0.35);
        add(QOS1, Suite.latency(1, "p50"), "ms", true, Report.NODE_RED, 44);
        add(QOS1, Suite.latency(1, "p50"), "ms", true, Report.NODE_RED_TUNED, 0.25);

        assertThat(render()).contains("| QoS 1, round trip p50, 1 pair: ≥ Node-RED tuned | 0.35 ms vs 0.25 ms: 1.40× (Node-RED as installed 44.0 ms) | **no** |");
    }

    @Test
    void theQos0TableLeadsAndTheOneCoreFiguresStandBesideTheAllCoreOnes() {
        add(QOS1, Suite.throughput(64), "/s", false, Report.HEARTH, 12_000);
        add(QOS0, Suite.throughput(64), "/s", false, Report.HEARTH, 13_000);
        add(QOS0, Suite.throughput(64), "/s", false, Report.NODE_RED, 26_000);
        add(QOS0_ONE_CORE, Suite.throughput(64), "/s", false, Report.HEARTH, 6_500);
        add(QOS0_ONE_CORE, Suite.throughput(64), "/s", false, Report.NODE_RED, 13_000);

        String doc = render();

        assertThat(doc.indexOf("### QoS 0 (Zigbee2MQTT's default)")).isPositive().isLessThan(doc.indexOf("### QoS 1, all cores"));
        assertThat(doc).contains("| round trips/s, 64 pairs (/s, higher is better) | 13,000 | 26,000 | 0.50× |")
                .contains("| round trips/s, 64 pairs (/s, higher is better) | 13,000 | 6,500 | 26,000 | 13,000 | – | – | 0.50× | 0.50× |")
                .contains("| 64 pairs: round trips/s ≥ 1.0× Node-RED | 13,000 /s vs 26,000 /s: 0.50× | **no** |");
    }

    @Test
    void cpuPerRoundTripIsJudgedAgainstTwiceTheFloor() {
        add(QOS0, Suite.cpu(64), "µs", true, Report.HEARTH, 50);
        add(QOS0, Suite.cpu(64), "µs", true, Report.FLOOR, 26);

        assertThat(render()).contains("| CPU per round trip ≤ 2× the bare Paho floor's (64 pairs) | 50.0 µs vs 26.0 µs: 1.92× | yes |");
    }

    @Test
    void everyBytesWrittenFigureOfTheOutboxIsJudgedAgainstTwiceThePayload() {
        add(Suite.OUTBOX, OutboxFigures.BYTES_RATIO + " (backlog drained)", "×", true, Report.HEARTH, 3.5);
        add(Suite.OUTBOX, OutboxFigures.BYTES_RATIO + " (acknowledged while up)", "×", true, Report.HEARTH, 1.5);

        assertThat(render()).contains("| outbox: bytes written per message ≤ 2× payload (backlog drained) | 3.50× payload | **no** |")
                .contains("| outbox: bytes written per message ≤ 2× payload (acknowledged while up) | 1.50× payload | yes |");
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
