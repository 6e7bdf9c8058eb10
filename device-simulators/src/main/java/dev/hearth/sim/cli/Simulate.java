package dev.hearth.sim.cli;

import dev.hearth.sim.scenario.Scenario;
import dev.hearth.sim.scenario.ScenarioException;
import dev.hearth.sim.scenario.ScenarioLoader;
import dev.hearth.sim.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code simulate}: plays a scenario; {@code simulate load} and {@code simulate fault} do the rest. */
@Command(name = "simulate", mixinStandardHelpOptions = true, version = "hearth simulate 0.1",
        description = "Simulated smart-home devices for Hearth: play a scenario, verify automations against one, generate load, inject faults.",
        subcommands = {VerifyCommand.class, LoadCommand.class, FaultCommand.class},
        exitCodeOnInvalidInput = Simulate.USER_ERROR, exitCodeOnExecutionException = Simulate.FAILED)
public final class Simulate implements Callable<Integer> {
    static final int USER_ERROR = 2;
    static final int FAILED = 1;

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", scope = ScopeType.INHERIT,
            description = "MQTT broker URL (default: ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario YAML to play, e.g. scenarios/evening.yaml.")
    Path scenario;

    @Option(names = "--acceleration", paramLabel = "FACTOR",
            description = "Override the scenario's time acceleration (simulated seconds per real second).")
    Double acceleration;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given streams and returns the exit code; never prints stack traces. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        ConsoleLogging.configure();
        CommandLine cli = new CommandLine(new Simulate());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("simulate: " + e.getMessage());
            return isUserError(e) ? USER_ERROR : FAILED;
        });
        return cli.execute(args);
    }

    private static boolean isUserError(Exception e) {
        return e instanceof ScenarioException || e instanceof IllegalArgumentException;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (scenario == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing --scenario (or use a subcommand: verify, load, fault)");
        }
        Scenario loaded = ScenarioLoader.load(scenario);
        if (acceleration != null) {
            loaded = loaded.withAcceleration(acceleration);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("playing %s against %s: %s to %s at %.0fx (about %d s)%n", loaded.name(), broker,
                loaded.start(), loaded.end(), loaded.acceleration(), loaded.realLength().toSeconds());
        try (ScenarioRunner runner = new ScenarioRunner(loaded, broker)) {
            runner.start(Duration.ofSeconds(10));
            boolean done = runner.awaitEnd(loaded.realLength().plusSeconds(30));
            runner.fired().forEach(e -> out.println("  " + e));
            out.println(done ? "scenario finished" : "scenario did not finish in time");
            if (done && !loaded.expectations().isEmpty()) {
                out.print(runner.report().describe());
            }
            return done ? 0 : FAILED;
        }
    }
}
