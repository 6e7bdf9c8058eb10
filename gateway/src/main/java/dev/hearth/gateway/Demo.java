package dev.hearth.gateway;

import dev.hearth.gateway.config.BrokerSettings;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.config.MqttSettings;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.PayloadFormat;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.device.SimulatedDevice;
import dev.hearth.sim.device.TemperatureSensor;
import dev.hearth.sim.device.Thermostat;
import dev.hearth.sim.mqtt.SimClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything in one process: the embedded broker, the gateway with the given configuration, and a
 * simulated device for each configured motion sensor, light, temperature sensor and thermostat.
 * Someone walks through the hallway every {@code --motion-every}; the log shows the light follow.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the embedded broker, the gateway and simulated devices together. Ctrl-C stops all.")
final class Demo implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "Configuration directory. Default: ${DEFAULT-VALUE}")
    Path config = Path.of("config");
    @Option(names = "--motion-every", defaultValue = "20s", description = "How often simulated motion is detected. Default: ${DEFAULT-VALUE}")
    Duration motionEvery;
    @Option(names = "--motion-hold", defaultValue = "8s", description = "How long a motion sensor reports occupancy. Default: ${DEFAULT-VALUE}")
    Duration motionHold;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    private final Map<String, String> env;

    Demo(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Optional<Main.Loaded> loaded = Main.load(config, env, spec.commandLine().getErr());
        if (loaded.isEmpty()) return Main.CONFIG_ERROR;
        GatewayConfig cfg = embedded(loaded.get().config());
        Gateway gateway = Gateway.start(cfg, loaded.get().automations());
        gateway.awaitConnected(Duration.ofSeconds(10));
        List<SimulatedDevice> devices = simulate(cfg);
        ScheduledExecutorService story = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-story"));
        story.scheduleAtFixedRate(() -> walkThrough(devices), 3_000, motionEvery.toMillis(), TimeUnit.MILLISECONDS);
        story.scheduleAtFixedRate(() -> weather(devices), 1_000, 30_000, TimeUnit.MILLISECONDS);
        spec.commandLine().getOut().println("Demo running: simulated motion every " + motionEvery.toSeconds()
                + " s turns the hallway light on; Ctrl-C stops everything.");
        spec.commandLine().getOut().println("Dashboard: " + gateway.dashboardUrl() + "  (sign in with the access token "
                + gateway.accessToken().value() + ")");
        spec.commandLine().getOut().flush();
        Main.awaitShutdown(() -> {
            story.shutdownNow();
            devices.forEach(SimulatedDevice::shutdown);
            gateway.close();
        });
        return 0;
    }

    /** The demo always runs its own broker, whatever the configuration says. */
    private static GatewayConfig embedded(GatewayConfig c) {
        BrokerSettings b = c.broker();
        MqttSettings m = c.mqtt();
        String url = "tcp://" + b.bind() + ":" + b.port();
        return c.withMqtt(new MqttSettings(true, url, m.clientId(), b.username(), b.password(), Optional.empty(),
                m.keepAlive(), m.sessionExpiry(), m.connectTimeout(), m.reconnectMin(), m.reconnectMax(), m.baseTopic()));
    }

    private List<SimulatedDevice> simulate(GatewayConfig cfg) {
        List<SimulatedDevice> out = new ArrayList<>();
        for (DeviceSpec d : cfg.devices()) {
            DeviceTopics topics = d.format() == PayloadFormat.JSON
                    ? DeviceTopics.zigbee2mqtt(d.stateTopic()) : DeviceTopics.valuePerTopic(d.stateTopic());
            SimClient client = new SimClient(cfg.mqtt().url(), "sim-" + d.id());
            Optional<SimulatedDevice> device = create(d.kind(), client, topics);
            if (device.isEmpty()) {
                client.close();
                continue;
            }
            out.add(device.get().start());
        }
        return out;
    }

    private Optional<SimulatedDevice> create(DeviceKind kind, SimClient client, DeviceTopics topics) {
        return switch (kind) {
            case MOTION_SENSOR -> Optional.of(new MotionSensor(client, topics).holdTime(motionHold));
            case LIGHT -> Optional.of(new Light(client, topics));
            case TEMPERATURE_SENSOR -> Optional.of(new TemperatureSensor(client, topics));
            case THERMOSTAT -> Optional.of(new Thermostat(client, topics));
            default -> Optional.empty();
        };
    }

    private static void walkThrough(List<SimulatedDevice> devices) {
        devices.stream().filter(MotionSensor.class::isInstance).map(MotionSensor.class::cast).forEach(MotionSensor::detect);
    }

    private static void weather(List<SimulatedDevice> devices) {
        double t = 19.0 + 2.5 * Math.sin(System.currentTimeMillis() / 120_000.0);
        devices.stream().filter(TemperatureSensor.class::isInstance).map(TemperatureSensor.class::cast)
                .forEach(s -> s.report(Math.round(t * 10) / 10.0, 45));
    }
}
