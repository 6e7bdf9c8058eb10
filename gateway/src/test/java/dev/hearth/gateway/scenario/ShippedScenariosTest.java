package dev.hearth.gateway.scenario;

import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.automation.Automation;
import dev.hearth.gateway.automation.AutomationLoader;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.support.RepositoryHome;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.sim.net.FreePort;
import dev.hearth.sim.scenario.Scenario;
import dev.hearth.sim.scenario.ScenarioClock;
import dev.hearth.sim.scenario.ScenarioLoader;
import dev.hearth.sim.scenario.ScenarioRunner;
import dev.hearth.sim.scenario.VerificationReport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's example automations meet the expectations of the scenarios shipped beside them:
 * the gateway runs config/ and automations/ on its embedded broker, on the scenario's clock (time
 * accelerated for both), and the simulated home plays each file in scenarios/.
 */
class ShippedScenariosTest {

    static List<Path> scenarios() {
        return RepositoryHome.scenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theExampleAutomationsMeetTheirScenario(Path file, @TempDir Path dir) throws Exception {
        GatewayConfig config = new ConfigLoader(Map.of()).load(RepositoryHome.copy(dir, FreePort.loopback()));
        List<Automation> automations = new AutomationLoader(config.devices()).loadDirectory(config.automationsDir());
        Scenario scenario = ScenarioLoader.load(file);
        ZoneId zone = config.location().timeZone();
        ScenarioClock clock = ScenarioClock.of(scenario, zone);

        try (Gateway gateway = Gateway.start(config, automations, GatewayTime.simulated(clock, zone));
             ScenarioRunner runner = new ScenarioRunner(scenario, config.mqtt().url(), clock)) {
            assertThat(gateway.awaitConnected(Duration.ofSeconds(15))).isTrue();
            runner.start(Duration.ofSeconds(10));
            assertThat(runner.awaitEnd(scenario.realLength().plusSeconds(20))).isTrue();

            VerificationReport report = runner.report();
            System.out.print(report.describe());
            assertThat(report.results()).as("a shipped scenario states expectations").isNotEmpty();
            assertThat(report.passed()).as(report.describe()).isTrue();
        }
    }
}
