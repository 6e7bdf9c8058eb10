package dev.hearth.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.Probe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateTest {
    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result simulate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Simulate.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheModes() {
        Result help = simulate("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--broker", "--scenario", "verify", "load", "fault");
        assertThat(simulate("verify", "--help").out()).contains("SCENARIO", "--latency-allowance", "exits 1");
        assertThat(simulate("fault", "--help").out()).contains("malformed-json", "out-of-order", "flap");
        assertThat(simulate("load", "--help").out()).contains("--devices", "--rate");
    }

    @Test
    void playsTheEveningScenario() {
        try (Probe probe = Probe.on(broker.url(), "zigbee2mqtt/#")) {
            Result run = simulate("--broker", broker.url(), "--scenario", "scenarios/evening.yaml",
                    "--acceleration", "36000");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("scenario finished", "22:00 living_window open");
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    probe.payloadsOn("zigbee2mqtt/hallway_motion").stream().anyMatch(p -> p.contains("\"occupancy\":true"))
                    && probe.payloadsOn("zigbee2mqtt/living_window").stream().anyMatch(p -> p.contains("\"contact\":false")));
        }
    }

    private static final String VERIFY = """
            scenario: cli-verify
            start: "18:00"
            end: "18:05"
            acceleration: 300
            rooms:
              hallway:
                devices:
                  cli_motion: {kind: motion, topic: cli/verify_motion, hold: 1m}
                  cli_light: {kind: light, topic: cli/verify_light}
            timeline:
              - at: "18:01"
                device: cli_motion
                action: detect
                expect:
                  - {device: cli_motion, is: true, within: 1s}
                  - {device: cli_light, is: "ON", within: 1s}
            """;

    @Test
    void verifyExitsNonZeroWithAReadableReportWhenAnExpectationFails(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("verify.yaml"), VERIFY);
        Result failed = simulate("verify", "--broker", broker.url(), file.toString());
        assertThat(failed.code()).as(failed.err()).isEqualTo(1);
        assertThat(failed.out()).contains("scenario cli-verify: 2 expectations, 1 failed",
                "PASS  18:01  cli_motion.occupancy is true within 1s",
                "FAIL  18:01  cli_light.state is ON within 1s: still OFF after 1s  [" + file + ":16:9]");

        Path met = Files.writeString(dir.resolve("met.yaml"),
                VERIFY.replace("      - {device: cli_light, is: \"ON\", within: 1s}\n", ""));
        Result passed = simulate("verify", "--broker", broker.url(), met.toString());
        assertThat(passed.code()).as(passed.out()).isZero();
        assertThat(passed.out()).contains("1 expectation, all met");
    }

    @Test
    void verifyReportsScenarioMistakesWithTheirPosition(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), VERIFY.replace("is: true", "is: true, above: 1"));
        Result bad = simulate("verify", "--broker", broker.url(), file.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("simulate: " + file
                + ":15:9: an expectation needs exactly one of 'is', 'above' or 'below'");
    }

    @Test
    void userErrorsAreOneLineWithoutStackTraces() {
        Result missing = simulate("--broker", broker.url(), "--scenario", "scenarios/nope.yaml");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("simulate: scenarios/nope.yaml: no such file");

        Result noScenario = simulate("--broker", broker.url());
        assertThat(noScenario.code()).isEqualTo(2);
        assertThat(noScenario.err()).contains("Missing --scenario").doesNotContain("\tat ");

        Result badKind = simulate("fault", "--kind", "gremlins");
        assertThat(badKind.code()).isEqualTo(2);
        assertThat(badKind.err()).contains("unknown fault kind 'gremlins'", "malformed-json").doesNotContain("\tat ");
    }

    @Test
    void faultModeInjectsWhatItNames() {
        try (Probe probe = Probe.on(broker.url(), "cli/#")) {
            Result run = simulate("fault", "--broker", broker.url(), "--kind", "malformed-json", "--topic", "cli/sensor");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("malformed-json: published");
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    probe.payloadsOn("cli/sensor").contains("{\"temperature\":21.5,\"humidity\":"));
        }
    }

    @Test
    void loadModeReportsRateAndLatency() {
        Result run = simulate("load", "--broker", broker.url(), "--devices", "20", "--rate", "200",
                "--duration", "1s", "--connections", "2", "--topic-prefix", "cli-load");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("msg/s (target 200.0)", "round trip p50");
    }
}
