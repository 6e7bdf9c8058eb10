package dev.hearth.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.Probe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        assertThat(help.out()).contains("--broker", "--scenario", "load", "fault");
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
