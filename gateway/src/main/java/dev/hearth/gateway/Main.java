package dev.hearth.gateway;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.broker.EmbeddedBrokers;
import dev.hearth.gateway.yaml.ConfigException;
import dev.hearth.gateway.store.StoreException;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.gateway.runtime.HearthVersion;
import dev.hearth.gateway.logging.LogQueue;
import dev.hearth.gateway.logging.LoggingDefaults;
import dev.hearth.gateway.web.auth.HashPasswordCommand;
import dev.hearth.gateway.web.auth.TokenCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code hearth} command line. Exit status 2 means the configuration or the command line is wrong
 * (an unknown subcommand too); nothing was started. The distribution adds its {@link Tool}s.
 */
@Command(name = "hearth", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Smart-home edge gateway: MQTT devices, YAML automations, durable delivery.%n"
                + "Without a subcommand, runs the gateway.",
        subcommands = {Main.Run.class, Main.Check.class, Traces.class, DeadLettersCommand.class, DevicesCommand.class, HashPasswordCommand.class,
                TokenCommand.class})
public final class Main extends ConfiguredCommand {
    public static final int CONFIG_ERROR = 2;
    /** The database file cannot be used (in use by another process, unreadable); nothing was started. */
    public static final int STORE_ERROR = 3;

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<RunArguments> run = RunArguments.of(args);
        if (run.isPresent()) System.exit(runOrReport(run.get().config(), err));
        System.exit(execute(args, new PrintWriter(System.out, true), err, System.getenv()));
    }

    /**
     * The gateway's own start without picocli, failing as picocli reports a failed command: the stack
     * trace and exit status 1 (then {@code System.exit} stops every thread already started).
     */
    private static int runOrReport(Path config, PrintWriter err) {
        try {
            return runGateway(config, System.getenv(), err);
        } catch (RuntimeException | Error e) {
            e.printStackTrace(err);
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** Runs the command line without exiting the JVM; returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main().withEnvironment(env), new EnvironmentFactory(env));
        // Before the settings below: picocli hands them only to the subcommands it already has.
        ServiceLoader.load(Tool.class, Main.class.getClassLoader()).stream().forEach(tool -> cli.addSubcommand(tool.type()));
        // After the tools, so the completion script knows them too; hidden: the package installs its output.
        cli.addSubcommand(new AutoComplete.GenerateCompletion());
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(Duration.class, text -> Durations.parse(text).orElseThrow(() ->
                new CommandLine.TypeConversionException("'" + text + "' is not a duration such as 90s, 5m or 1h30m")));
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        return runGateway(config, env(), err());
    }

    static int runGateway(Path config, Map<String, String> env, PrintWriter err) {
        StartReading reading = new StartReading();
        Loaded loaded;
        try {
            loaded = reading.read(config, env);
        } catch (ConfigException e) {
            report(e, err);
            return CONFIG_ERROR;
        }
        GatewayConfig cfg = loaded.config();
        LoggingDefaults.use(cfg.logFormat());
        LogQueue.install();
        Gateway gateway;
        try {
            gateway = Gateway.start(cfg, loaded.all(), GatewayTime.system(cfg.location().timeZone()), reading.runtime(cfg));
        } catch (StoreException e) {
            // The message names the file and what to do; a stack trace would only hide it.
            return failed(err, "error: " + e.getMessage(), STORE_ERROR);
        } catch (EmbeddedBrokers.Missing e) {
            return failed(err, "error: " + e.getMessage(), CONFIG_ERROR);
        } catch (RuntimeException | Error e) {
            // the lines logged on the way to the failure come before its stack trace
            LogQueue.drain();
            throw e;
        }
        awaitShutdown(gateway::close);
        return 0;
    }

    /** The lines logged so far, then the error, on a gateway that did not start. */
    private static int failed(PrintWriter err, String message, int status) {
        LogQueue.drain();
        err.println(message);
        err.flush();
        return status;
    }

    /** Configuration and automations, validated together. */
    public record Loaded(GatewayConfig config, AutomationLoader.Loaded all) {
        /** The automations ready to run (those waiting for devices discovery may bring are in {@link #all()}). */
        public List<Automation> automations() {
            return all.automations();
        }
    }

    /** Loads configuration and automations, or prints every problem and returns empty. */
    static Optional<Loaded> load(Path config, Map<String, String> env, PrintWriter err) {
        try {
            GatewayConfig gateway = new ConfigLoader(env).load(config);
            AutomationLoader.Loaded automations = gateway.automationLoader().loadDirectoryAwaiting(gateway.automationsDir());
            return Optional.of(new Loaded(gateway, automations));
        } catch (ConfigException e) {
            report(e, err);
            return Optional.empty();
        }
    }

    private static void report(ConfigException e, PrintWriter err) {
        for (ConfigProblem p : e.problems()) err.println(p);
        int n = e.problems().size();
        err.println(n + (n == 1 ? " problem" : " problems") + " found; nothing was started.");
        err.flush();
    }

    /** The gateway configuration alone, or every problem printed and empty. */
    static Optional<GatewayConfig> loadConfig(Path config, Map<String, String> env, PrintWriter err) {
        try {
            return Optional.of(new ConfigLoader(env).load(config));
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) err.println(p);
            err.flush();
            return Optional.empty();
        }
    }

    /** Blocks until Ctrl-C / SIGTERM (or {@code System.exit}), then runs {@code stop} once and writes the log's queue. */
    public static void awaitShutdown(Runnable stop) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                LogQueue.drain();
                stopped.countDown();
            }
        }, "hearth-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the gateway (the default).")
    static final class Run extends ConfiguredCommand {
        @Override
        public Integer call() {
            return runGateway(config, env(), err());
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate configuration and automations; print every problem with file:line:column.")
    static final class Check extends ConfiguredCommand {
        @Override
        public Integer call() {
            Optional<Loaded> loaded = loadAll();
            if (loaded.isEmpty()) return CONFIG_ERROR;
            if (loaded.get().config().mqtt().embedded() && !EmbeddedBrokers.installed()) {
                err().println("error: " + new EmbeddedBrokers.Missing().getMessage());
                return CONFIG_ERROR;
            }
            AutomationLoader.Loaded automations = loaded.get().all();
            automations.warnings().forEach(w -> out().println(w.file() + ":" + w.line() + ":" + w.column() + ": warning: " + w.message()));
            out().println("OK: " + loaded.get().config().devices().size() + " devices, " + automations.automations().size() + " automations"
                    + (automations.waiting().isEmpty() ? "" : ", " + automations.waiting().size() + " waiting for devices discovery has not found yet: "
                    + String.join(", ", automations.waiting().stream().map(AutomationLoader.Waiting::automation).toList())));
            return 0;
        }
    }

    /** {@code hearth --version}: Hearth's version (the build's) and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return HearthVersion.describe();
        }
    }

    /** Gives every subcommand the environment the CLI was started with (tests pass their own). */
    private record EnvironmentFactory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K command = CommandLine.defaultFactory().create(cls);
            if (command instanceof ConfiguredCommand c) c.withEnvironment(env);
            return command;
        }
    }
}
