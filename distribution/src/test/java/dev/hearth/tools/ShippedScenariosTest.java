package dev.hearth.tools;

import dev.hearth.gateway.support.CommandLineRun;

import dev.hearth.gateway.support.RepositoryHome;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.hearth.gateway.support.CommandLineRun.hearth;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hearth verify} on the repository's own config/ and automations/: the example automations meet
 * the expectations of the scenarios shipped beside them (gateway and simulated home on each scenario's
 * accelerated clock, on a private embedded broker). (An unmet expectation's report and exit status are
 * specified by ScenarioVerifyTest and SimulateTest in device-simulators; verify shares that code.)
 */
class ShippedScenariosTest {

    @Test
    void theExampleAutomationsMeetEveryShippedScenario() {
        List<String> args = new ArrayList<>(List.of("verify", "-c", RepositoryHome.root().resolve("config").toString()));
        List<Path> scenarios = RepositoryHome.scenarios();
        assertThat(scenarios).extracting(p -> p.getFileName().toString()).contains("hallway.yaml", "heating.yaml");
        scenarios.forEach(s -> args.add(s.toString()));

        CommandLineRun verify = hearth(args.toArray(String[]::new));
        System.out.print(verify.out());

        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("scenario hallway: ", "scenario heating: ").doesNotContain("FAIL");
        assertThat(verify.out().split("all met", -1)).hasSize(scenarios.size() + 1);
    }

    @Test
    void aMistakeInAScenarioIsReportedWithItsPositionBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("typo.yaml"), """
                start: "18:00"
                end: "18:03"
                rooms:
                  hallway:
                    devices:
                      hallway_light: {kind: light, topic: zigbee2mqtt/hallway_light}
                timeline:
                  - at: "18:01"
                    expect:
                      - {device: hallway_light, is: "ON", whithin: 1s}
                """);
        CommandLineRun verify = hearth("verify", "-c", RepositoryHome.root().resolve("config").toString(), scenario.toString());

        assertThat(verify.code()).isEqualTo(2);
        assertThat(verify.err().strip()).startsWith(scenario + ":10:43: unknown key 'whithin'");
        assertThat(verify.out()).isEmpty();
    }
}
