package dev.hearth.gateway.automation;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.automation.run.Runs;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.AutomationRuns;
import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.Main;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.support.RepositoryHome;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.IlluminanceSensor;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.device.SimulatedDevice;
import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.net.FreePort;
import dev.hearth.sim.time.AcceleratedTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real gateway stopped while the hallway light's 2-minute auto-off is pending, and started again after that moment
 * passed: from its database it knows the light is on and the timer was due, so the light goes off right after start.
 * The traces survive too, and {@code hearth traces} prints them.
 */
class GatewayRestartEndToEndTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant EVENING = Instant.parse("2026-11-20T18:00:00Z");

    @TempDir
    Path dir;

    private Gateway start(GatewayConfig cfg, Instant at, List<AutomationRun> traces) throws Exception {
        Gateway g = Gateway.start(cfg, new AutomationLoader(cfg.devices()).loadDirectory(cfg.automationsDir()),
                new GatewayTime(new AcceleratedTime(at, 60, System::nanoTime).clock(BERLIN), 60));
        g.vertx().eventBus().<AutomationRuns>consumer(Addresses.AUTOMATION_RUN, m -> traces.addAll(m.body().runs()));
        return g;
    }

    private static <T extends SimulatedDevice> T device(T d, List<AutoCloseable> toClose) {
        toClose.add(d::shutdown);
        d.start();
        return d;
    }

    @Test
    void aPendingAutoOffFiresAtOnceAfterARestartThatOutlastedIt() throws Exception {
        int port = FreePort.loopback();
        String url = "tcp://127.0.0.1:" + port;
        Path config = RepositoryHome.copy(dir, port);
        GatewayConfig cfg = new ConfigLoader(Map.of()).load(config);
        List<AutoCloseable> toClose = new ArrayList<>();
        List<AutomationRun> before = new CopyOnWriteArrayList<>();
        List<AutomationRun> after = new CopyOnWriteArrayList<>();
        try {
            Gateway first = start(cfg, EVENING, before);
            assertThat(first.awaitConnected(Duration.ofSeconds(20))).isTrue();
            MotionSensor motion = device(new MotionSensor(new SimClient(url, "t-motion"), DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_motion"))
                    .holdTime(Duration.ofDays(1)), toClose);
            Light light = device(new Light(new SimClient(url, "t-light"), DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_light")), toClose);
            await().atMost(Duration.ofSeconds(10)).until(() -> known(first, "hallway_light", "state") && known(first, "hallway_motion", "occupancy"));
            motion.detect();
            await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
            await().atMost(Duration.ofSeconds(5)).until(() -> "ON".equals(value(first, "hallway_light", "state")));
            motion.clear();
            await().atMost(Duration.ofSeconds(5)).until(() -> "false".equals(value(first, "hallway_motion", "occupancy")));
            Thread.sleep(300); // the pending auto-off reaches the database (group commits every 50 ms)
            first.close();

            // Back an hour (simulated) later: the auto-off was due long ago. (The first run took some simulated minutes.)
            Instant restart = EVENING.plus(Duration.ofHours(1));
            Gateway second = start(cfg, restart, after);
            toClose.add(second);
            await().atMost(Duration.ofSeconds(20)).until(() -> "OFF".equals(light.state()));
            // Asked of the gateway, not collected from the bus: the due auto-off may run before a consumer registered after start.
            await().atMost(Duration.ofSeconds(10)).until(() -> !runsSince(second, "hallway_light_off_after_quiet", restart).isEmpty());
            assertThat(runsSince(second, "hallway_light_off_after_quiet", restart)).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(AutomationRun.Outcome.RAN));
            assertThat(runsSince(second, "hallway_light_on_motion", restart)).noneMatch(r -> r.outcome() == AutomationRun.Outcome.RAN);
            // The dashboard's traces: the run before the restart, saved when the first gateway stopped.
            AutomationRun lightOn = before.stream().filter(r -> r.automation().equals("hallway_light_on_motion")
                    && r.outcome() == AutomationRun.Outcome.RAN).findFirst().orElseThrow();
            assertThat(second.vertx().eventBus().<AutomationQuery.Runs>request(Addresses.AUTOMATION_RUNS,
                    new AutomationQuery.RecentRuns("hallway_light_on_motion", 20)).await().body().runs()).contains(lightOn);
            second.close();
        } finally {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                try {
                    toClose.get(i).close();
                } catch (Exception e) {
                    // keep closing the rest
                }
            }
        }
        StringWriter out = new StringWriter();
        int status = Main.execute(new String[]{"traces", "hallway_light_off_after_quiet", "-c", config.toString()},
                new PrintWriter(out), new PrintWriter(new StringWriter()), Map.of());
        assertThat(status).isZero();
        assertThat(out.toString()).contains("RAN", "state hallway_motion.occupancy to false for 2m", "> command hallway_light {state=OFF}: ok");
    }

    /** The automation's runs the gateway reports (its memory, then its database) from {@code since} on. */
    private static List<AutomationRun> runsSince(Gateway g, String automation, Instant since) {
        return g.vertx().eventBus().<AutomationQuery.Runs>request(Addresses.AUTOMATION_RUNS, new AutomationQuery.RecentRuns(automation, 50))
                .await().body().runs().stream().filter(r -> !r.at().isBefore(since)).toList();
    }

    private static boolean known(Gateway g, String device, String attribute) {
        return value(g, device, attribute) != null;
    }

    private static String value(Gateway g, String device, String attribute) {
        return g.registry().state(new DeviceId(device)).flatMap(s -> s.value(attribute)).map(Object::toString).orElse(null);
    }
}
