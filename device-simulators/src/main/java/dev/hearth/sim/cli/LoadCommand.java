package dev.hearth.sim.cli;

import dev.hearth.sim.load.LoadConfig;
import dev.hearth.sim.load.LoadGenerator;
import dev.hearth.sim.load.LoadReport;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "N virtual sensors publishing at a target total rate; lights answer commands to measure round trips.")
final class LoadCommand implements Callable<Integer> {
    @ParentCommand
    Simulate parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--devices", defaultValue = "500", description = "Virtual sensors (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--rate", defaultValue = "2000", description = "Messages per second in total (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to publish (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--connections", defaultValue = "10", description = "MQTT connections shared by the sensors (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--lights", defaultValue = "1", description = "Simulated lights commanded for latency (default: ${DEFAULT-VALUE}).")
    int lights;

    @Option(names = "--command-rate", defaultValue = "10", description = "Light commands per second (default: ${DEFAULT-VALUE}).")
    double commandRate;

    @Option(names = "--qos", defaultValue = "1", description = "QoS of sensor messages, 0 or 1 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "--topic-prefix", defaultValue = "hearth-load", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Override
    public Integer call() {
        var config = new LoadConfig(parent.broker, devices, rate, duration, connections, lights, commandRate, prefix, qos);
        spec.commandLine().getOut().printf("load: %d devices on %d connections, %.0f msg/s for %d s against %s%n",
                devices, config.connections(), rate, duration.toSeconds(), parent.broker);
        try (LoadGenerator load = new LoadGenerator(config)) {
            LoadReport report = load.run();
            spec.commandLine().getOut().println(report.describe());
            return 0;
        }
    }
}
