package dev.hearth.tools;

import dev.hearth.gateway.ConfiguredCommand;
import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.Main;
import dev.hearth.gateway.Tool;
import dev.hearth.gateway.broker.BrokerSettings;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.web.HttpSettings;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.outbox.OutboxSettings;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.sim.net.FreePort;
import dev.hearth.sim.scenario.Scenario;
import dev.hearth.sim.scenario.ScenarioClock;
import dev.hearth.sim.scenario.ScenarioException;
import dev.hearth.sim.scenario.ScenarioLoader;
import dev.hearth.sim.scenario.ScenarioRunner;
import dev.hearth.sim.scenario.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code hearth verify}: tests your automations against scenarios before you trust them with your home.
 * For each scenario the gateway runs your configuration and automations on a private embedded broker
 * (a free loopback port, a temporary data directory: nothing of your home is touched), on the
 * scenario's clock, time accelerated, while the simulated home plays the scenario.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check your automations against scenarios (see 'simulate verify' for the file format).",
                "Runs the gateway with your configuration on a private broker, on each scenario's accelerated clock.",
                "Exit status 0: every expectation met; 1: one was not; 2: the configuration or a scenario is wrong."})
public final class Verify extends ConfiguredCommand implements Tool {
    static final int NOT_MET = 1;

    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "Scenario files with expectations, e.g. scenarios/hallway.yaml.")
    List<Path> files;
    @Option(names = "--acceleration", paramLabel = "FACTOR", description = "Override each scenario's time acceleration.")
    Double acceleration;
    @Option(names = "--latency-allowance", defaultValue = "500ms",
            description = "Real time every expectation gets at least, for MQTT round trips. Default: ${DEFAULT-VALUE}")
    Duration allowance;
    @Option(names = "--broker-port", paramLabel = "PORT", description = "Port of the private broker (127.0.0.1). Default: a free one.")
    Integer brokerPort;
    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the dashboard and API (127.0.0.1). Default: a free one.")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Optional<Main.Loaded> loaded = loadAll();
        if (loaded.isEmpty()) return Main.CONFIG_ERROR;
        Optional<List<Scenario>> scenarios = scenarios();
        if (scenarios.isEmpty()) return Main.CONFIG_ERROR;
        boolean allMet = true;
        for (Scenario scenario : scenarios.get()) {
            VerificationReport report = play(loaded.get(), scenario);
            out.print(report.describe());
            out.flush();
            allMet &= report.passed();
        }
        return allMet ? 0 : NOT_MET;
    }

    private Optional<List<Scenario>> scenarios() {
        List<Scenario> result = new ArrayList<>();
        try {
            for (Path f : files) {
                Scenario s = ScenarioLoader.load(f);
                result.add(acceleration == null ? s : s.withAcceleration(acceleration));
            }
            return Optional.of(result);
        } catch (ScenarioException | IllegalArgumentException e) {
            err().println(e.getMessage());
            err().flush();
            return Optional.empty();
        }
    }

    private VerificationReport play(Main.Loaded loaded, Scenario scenario) throws Exception {
        Path data = Files.createTempDirectory("hearth-verify-");
        try {
            GatewayConfig cfg = isolated(loaded.config(), data);
            ZoneId zone = cfg.location().timeZone();
            ScenarioClock clock = ScenarioClock.of(scenario, zone);
            try (Gateway gateway = Gateway.start(cfg, loaded.all(), new GatewayTime(clock.clock(zone), clock.acceleration()));
                 ScenarioRunner runner = new ScenarioRunner(scenario, cfg.mqtt().url(), clock).latencyAllowance(allowance)) {
                if (!gateway.awaitConnected(Duration.ofSeconds(15))) {
                    throw new IllegalStateException("the gateway did not connect to its private broker");
                }
                runner.start(Duration.ofSeconds(10));
                if (!runner.awaitEnd(scenario.realLength().plus(allowance).plusSeconds(30))) {
                    throw new IllegalStateException("scenario " + scenario.name() + " did not finish in time");
                }
                return runner.report();
            }
        } finally {
            deleteRecursively(data);
        }
    }

    /**
     * Your configuration, but on a private embedded broker, an ephemeral web port and a throwaway data
     * directory, and without an uplink: nothing of your home (or beyond it) sees the simulated evening.
     */
    private GatewayConfig isolated(GatewayConfig c, Path data) {
        int port = brokerPort != null ? brokerPort : FreePort.loopback();
        BrokerSettings broker = new BrokerSettings("127.0.0.1", port, Optional.empty(), Optional.empty());
        MqttSettings m = c.mqtt();
        MqttSettings mqtt = new MqttSettings(true, "tcp://127.0.0.1:" + broker.port(), m.clientId(), Optional.empty(),
                Optional.empty(), Optional.empty(), m.keepAlive(), m.sessionExpiry(), m.connectTimeout(), m.reconnectMin(),
                m.reconnectMax(), m.baseTopic());
        HttpSettings http = new HttpSettings("127.0.0.1", httpPort, c.http().passwordHash());
        return c.withDataDir(data).withBroker(broker).withMqtt(mqtt).withHttp(http).withoutUplink();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
