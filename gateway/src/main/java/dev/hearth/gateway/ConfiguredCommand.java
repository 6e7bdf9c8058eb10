package dev.hearth.gateway;

import dev.hearth.gateway.config.GatewayConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every {@code hearth} command that reads the configuration shares: the {@code -c/--config}
 * option, the environment secrets are resolved from (tests pass their own), and the console. The
 * distribution's {@link Tool}s that read the configuration extend it too.
 */
public abstract class ConfiguredCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "Configuration directory (gateway.yaml, devices.yaml). Default: ${DEFAULT-VALUE}")
    Path config = Path.of("config");
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    private Map<String, String> env = Map.of();

    final ConfiguredCommand withEnvironment(Map<String, String> environment) {
        this.env = Map.copyOf(environment);
        return this;
    }

    protected final Map<String, String> env() {
        return env;
    }

    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Configuration and automations, or every problem printed and empty. */
    protected final Optional<Main.Loaded> loadAll() {
        return Main.load(config, env, err());
    }

    /** The gateway configuration alone, or every problem printed and empty. */
    protected final Optional<GatewayConfig> loadConfig() {
        return Main.loadConfig(config, env, err());
    }
}
