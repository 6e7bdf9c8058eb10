package dev.hearth.gateway.scenario;

import dev.hearth.gateway.Main;
import dev.hearth.gateway.support.RepositoryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hearth verify} on the repository's own config/ and automations/: the example automations meet
 * the expectations of the scenarios shipped beside them (gateway and simulated home on each scenario's
 * accelerated clock, on a private embedded broker), and an automation that does not do what a scenario
 * expects makes verify fail with a readable report.
 */
class ShippedScenariosTest {

    private record Result(int code, String out, String err) {
    }

    private static Result hearth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theExampleAutomationsMeetEveryShippedScenario() {
        List<String> args = new ArrayList<>(List.of("verify", "-c", RepositoryHome.root().resolve("config").toString()));
        List<Path> scenarios = RepositoryHome.scenarios();
        assertThat(scenarios).extracting(p -> p.getFileName().toString()).contains("hallway.yaml", "heating.yaml");
        scenarios.forEach(s -> args.add(s.toString()));

        Result verify = hearth(args.toArray(String[]::new));
        System.out.print(verify.out());

        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("scenario hallway: ", "scenario heating: ").doesNotContain("FAIL");
        assertThat(verify.out().split("all met", -1)).hasSize(scenarios.size() + 1);
    }

    @Test
    void anUnmetExpectationFailsVerifyWithItsPosition(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("dim.yaml"), """
                scenario: dim
                date: 2026-11-20
                start: "18:00"
                end: "18:03"
                acceleration: 120
                rooms:
                  hallway:
                    devices:
                      hallway_motion: {kind: motion, topic: zigbee2mqtt/hallway_motion}
                      hallway_light: {kind: light, topic: zigbee2mqtt/hallway_light}
                timeline:
                  - at: "18:01"
                    device: hallway_motion
                    action: detect
                    expect:
                      - {device: hallway_light, is: "ON", within: 1s}
                      - {device: hallway_light, attribute: brightness, below: 100, within: 1s}
                """);
        Result verify = hearth("verify", "-c", RepositoryHome.root().resolve("config").toString(), scenario.toString());

        assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("scenario dim: 2 expectations, 1 failed",
                "PASS  18:01  hallway_light.state is ON within 1s",
                "FAIL  18:01  hallway_light.brightness below 100 within 1s: still 200 after 1s  [" + scenario + ":17:9]");
    }
}
