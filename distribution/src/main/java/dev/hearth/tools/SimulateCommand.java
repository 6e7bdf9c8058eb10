package dev.hearth.tools;

import dev.hearth.gateway.Tool;
import dev.hearth.sim.cli.Simulate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hearth simulate ...}: the simulators' own command line (play a scenario; {@code verify},
 * {@code load}, {@code fault}), handed every argument as given, with its usage and exit statuses.
 */
@Command(name = "simulate",
        description = {"Simulated devices on a broker: play a scenario, verify, load, faults.",
                "'hearth simulate --help' shows its options."})
public final class SimulateCommand implements Callable<Integer>, Tool {
    @Unmatched
    List<String> args = new ArrayList<>();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Simulate.run(spec.commandLine().getOut(), spec.commandLine().getErr(), args.toArray(String[]::new));
    }
}
