package dev.hearth.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness works end to end on a very short run: Hearth (the distribution the reactor just assembled) and
 * the floor each answer motion events through a real Mosquitto, and the report has their figures.
 * Not a benchmark: the durations are far too short for the figures to mean anything.
 */
class BenchSmokeTest {
    private static final Path GATEWAY_JAR = Path.of("../distribution/target/hearth/lib/hearth.jar");

    @Test
    void aShortRunMeasuresHearthAndTheFloorAndWritesTheReport(@TempDir Path dir) throws Exception {
        assertThat(GATEWAY_JAR).as("the distribution's gateway jar, assembled before this module").exists();
        BenchMain bench = new BenchMain();
        Path report = dir.resolve("benchmarks.md");
        int status = new CommandLine(bench).execute(
                "--gateway-jar", GATEWAY_JAR.toString(),
                "--bench-jar", System.getProperty("java.class.path"),
                "--work", dir.resolve("runs").toString(),
                "--out", report.toString(),
                "--smoke", "--repeats", "1", "--pinned-repeats", "0", "--qos", "0",
                "--saturation-pairs", "8");

        assertThat(status).isZero();
        for (String subject : new String[] {Report.HEARTH, Report.FLOOR}) {
            assertThat(bench.results.median(Suite.section(0, false), Suite.latency(8, "p50"), subject)).as(subject)
                    .hasValueSatisfying(ms -> assertThat(ms).isPositive());
            assertThat(bench.results.median(Suite.section(0, false), Suite.RSS_LOAD, subject)).as(subject)
                    .hasValueSatisfying(mib -> assertThat(mib).isPositive());
        }
        assertThat(Files.readString(report))
                .contains("| round trip p50, 8 pairs (ms, lower is better) |")
                .contains("## Targets (issue 19");
    }
}
