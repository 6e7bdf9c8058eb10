package dev.hearth.tools;

import dev.hearth.gateway.ConfiguredCommand;
import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.Main;
import dev.hearth.gateway.Tool;
import dev.hearth.gateway.broker.BrokerSettings;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.web.HttpSettings;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.sim.scenario.Scenario;
import dev.hearth.sim.scenario.ScenarioClock;
import dev.hearth.sim.scenario.ScenarioException;
import dev.hearth.sim.scenario.ScenarioLoader;
import dev.hearth.sim.scenario.ScenarioRunner;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Everything in one process: the embedded broker, the gateway with the given configuration, and a
 * simulated home playing a scenario (by default the built-in autumn evening), gateway and devices on
 * the scenario's accelerated clock. The log shows the timeline, the automations and the devices follow.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the embedded broker, the gateway and a simulated home playing a scenario,",
                "time accelerated (an evening in about two and a half minutes). Ctrl-C stops all."})
public final class Demo extends ConfiguredCommand implements Tool {
    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario YAML to play. Default: the built-in evening (device-simulators/scenarios/evening.yaml).")
    Path scenarioFile;
    @Option(names = "--acceleration", paramLabel = "FACTOR",
            description = "Simulated seconds per real second. Default: the scenario's own (120 for the evening).")
    Double acceleration;
    @Option(names = "--broker-port", paramLabel = "PORT",
            description = "Port of the demo's embedded broker (where a Mosquitto already has 1883). Default: broker.port of gateway.yaml.")
    Integer brokerPort;
    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the dashboard and API. Default: http.port of gateway.yaml.")
    Integer httpPort;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Optional<Main.Loaded> loaded = loadAll();
        if (loaded.isEmpty()) return Main.CONFIG_ERROR;
        Optional<Scenario> scenario = scenario();
        if (scenario.isEmpty()) return Main.CONFIG_ERROR;
        GatewayConfig cfg = embedded(loaded.get().config());
        showStateChanges();
        ZoneId zone = cfg.location().timeZone();
        ScenarioClock clock = ScenarioClock.of(scenario.get(), zone);
        Gateway gateway = Gateway.start(cfg, loaded.get().all(), new GatewayTime(clock.clock(zone), clock.acceleration()));
        gateway.awaitConnected(Duration.ofSeconds(10));
        ScenarioRunner runner = new ScenarioRunner(scenario.get(), cfg.mqtt().url(), clock).start(Duration.ofSeconds(10));
        Scenario s = scenario.get();
        out.printf("Demo running: scenario '%s', %s to %s at %.0fx (about %d s); Ctrl-C stops everything.%n",
                s.name(), s.start(), s.end(), s.acceleration(), s.realLength().toSeconds());
        out.println("Dashboard: " + gateway.dashboardUrl() + "  (sign in with the access token "
                + gateway.accessToken().value() + ")");
        out.flush();
        Thread summary = new Thread(() -> summarize(runner, s, out), "demo-summary");
        summary.setDaemon(true);
        summary.start();
        Main.awaitShutdown(() -> {
            runner.close();
            gateway.close();
        });
        return 0;
    }

    /** The demo is for watching devices follow the automations: every state change and run is logged (DEBUG, hidden, in a normal run). */
    private static void showStateChanges() {
        for (String name : new String[]{"hearth.state", "hearth.automation"}) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
            }
        }
    }

    private Optional<Scenario> scenario() {
        try {
            Scenario s = scenarioFile == null ? ScenarioLoader.builtIn("evening") : ScenarioLoader.load(scenarioFile);
            return Optional.of(acceleration == null ? s : s.withAcceleration(acceleration));
        } catch (ScenarioException | IllegalArgumentException e) {
            err().println(e.getMessage());
            err().flush();
            return Optional.empty();
        }
    }

    /** When the scenario ends, says how its expectations went; the gateway keeps running until Ctrl-C. */
    private static void summarize(ScenarioRunner runner, Scenario s, PrintWriter out) {
        try {
            if (runner.awaitEnd(s.realLength().plusMinutes(1))) {
                out.print(runner.report().describe());
                out.println("Scenario finished at " + s.end() + "; the gateway keeps running. Ctrl-C stops it.");
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The demo always runs its own broker, whatever the configuration says, on the ports asked for. */
    private GatewayConfig embedded(GatewayConfig c) {
        BrokerSettings given = c.broker();
        BrokerSettings b = new BrokerSettings(given.bind(), brokerPort != null ? brokerPort : given.port(), given.username(), given.password());
        HttpSettings h = c.http();
        MqttSettings m = c.mqtt();
        String url = "tcp://" + b.bind() + ":" + b.port();
        return c.withBroker(b).withHttp(new HttpSettings(h.bind(), httpPort != null ? httpPort : h.port(), h.passwordHash()))
                .withMqtt(new MqttSettings(true, url, m.clientId(), b.username(), b.password(), Optional.empty(),
                m.keepAlive(), m.sessionExpiry(), m.connectTimeout(), m.reconnectMin(), m.reconnectMax(), m.baseTopic()));
    }
}
