package dev.hearth.sim.cli;

import dev.hearth.sim.scenario.Scenario;
import dev.hearth.sim.scenario.ScenarioLoader;
import dev.hearth.sim.scenario.ScenarioRunner;
import dev.hearth.sim.scenario.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Play a scenario against a running gateway and check its expectations",
                "(e.g. 'hallway_light is ON within 1s'). Prints one line per expectation;",
                "exits 1 when any is not met, 2 when the scenario file is wrong.",
                "Durations in your automations (for: 1m) run on the gateway's clock: with an accelerated",
                "scenario, run the gateway at the same pace or use --acceleration 1."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    Simulate parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "Scenario YAML with expectations, e.g. scenarios/hallway.yaml.")
    Path file;

    @Option(names = "--acceleration", paramLabel = "FACTOR",
            description = "Override the scenario's time acceleration (simulated seconds per real second).")
    Double acceleration;

    @Option(names = "--latency-allowance", defaultValue = "500ms", converter = DurationConverter.class,
            description = "Real time every expectation gets at least, for MQTT round trips (default: ${DEFAULT-VALUE}).")
    Duration allowance;

    @Override
    public Integer call() throws InterruptedException {
        Scenario scenario = ScenarioLoader.load(file);
        if (acceleration != null) {
            scenario = scenario.withAcceleration(acceleration);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("verifying %s against %s: %s to %s at %.0fx (about %d s)%n", scenario.name(), parent.broker,
                scenario.start(), scenario.end(), scenario.acceleration(), scenario.realLength().toSeconds());
        out.flush();
        try (ScenarioRunner runner = new ScenarioRunner(scenario, parent.broker).latencyAllowance(allowance)) {
            runner.start(Duration.ofSeconds(10));
            if (!runner.awaitEnd(scenario.realLength().plus(allowance).plusSeconds(30))) {
                out.println("scenario did not finish in time");
                return Simulate.FAILED;
            }
            VerificationReport report = runner.report();
            out.print(report.describe());
            out.flush();
            return report.passed() ? 0 : Simulate.FAILED;
        }
    }
}
