package dev.hearth.gateway.discovery;

import ch.qos.logback.classic.Level;
import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.gateway.Main;
import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.RepositoryHome;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Automations that name devices only Zigbee2MQTT discovery brings, in a home with no devices.yaml: they load (each
 * unknown device a located warning), say why they do not run while the devices are missing, run as soon as the
 * retained {@code bridge/devices} arrives (after the automations were loaded), and a mistake that only shows once the
 * device is known (an attribute it does not have) is reported once, with its position.
 */
class AutomationsAwaitingDiscoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String AUTOMATIONS = """
            automations:
              - id: bulb_on_motion
                description: The bulb follows the hallway's motion sensor.
                triggers:
                  - trigger: state
                    device: hallway_motion
                    attribute: occupancy
                    to: true
                actions:
                  - command: { device: living_room_bulb, set: { state: "ON" } }
              - id: door_with_typo
                triggers:
                  - trigger: state
                    device: front_door
                    attribute: contacts
                    to: false
                actions:
                  - command: { device: living_room_bulb, set: { state: "OFF" } }
              - id: garage_never_paired
                triggers:
                  - trigger: state
                    device: garage_door
                    attribute: contact
                    to: false
                actions:
                  - command: { device: living_room_bulb, set: { state: "OFF" } }
            """;

    @TempDir
    Path dir;

    private Path write(String gatewayYaml) throws Exception {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), gatewayYaml);
        Files.writeString(dir.resolve("automations/discovered.yaml"), AUTOMATIONS);
        return dir.resolve("automations/discovered.yaml");
    }

    private static String run(String command, Path dir, int expectedStatus) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[]{command, "-c", dir.toString()}, new PrintWriter(out), new PrintWriter(err), Map.of());
        assertThat(status).as(out + "\n" + err).isEqualTo(expectedStatus);
        return out + err.toString();
    }

    @Test
    void checkWarnsWithPositionsAndPassesWhenDiscoveryMayBringTheDevices() throws Exception {
        Path file = write(TestHome.externalBroker("tcp://127.0.0.1:1", "30s"));

        String printed = run("check", dir, 0);

        assertThat(printed)
                .contains(file + ":6:17: warning: unknown device 'hallway_motion': not known yet, so the automation waits until discovery finds it")
                .contains(file + ":10:28: warning: unknown device 'living_room_bulb'")
                .contains(file + ":14:17: warning: unknown device 'front_door'")
                .contains(file + ":22:17: warning: unknown device 'garage_door'")
                .contains("0 automations, 3 waiting for devices discovery has not found yet: bulb_on_motion, door_with_typo, garage_never_paired");
    }

    @Test
    void withDiscoveryOffAnUnknownDeviceStaysAnError() throws Exception {
        Path file = write(TestHome.externalBroker("tcp://127.0.0.1:1", "30s") + "discovery:\n  zigbee2mqtt: { enabled: false }\n  homeassistant: { enabled: false }\n  tasmota: { enabled: false }\n");

        String printed = run("check", dir, Main.CONFIG_ERROR);

        assertThat(printed).contains(file + ":6:17: unknown device 'hallway_motion'").contains("nothing was started");
    }

    @Test
    void automationsRunOnceTheirDevicesAreDiscoveredAndTheOthersSayWhyNot() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient bridge = new SimClient(broker.url(), "z2m-bridge");
             LogLines logs = LogLines.of("dev.hearth.gateway.home.WaitingAutomations", Level.INFO)) {
            write(TestHome.externalBroker(broker.url(), "30s"));
            bridge.start();
            assertThat(bridge.awaitConnected(WAIT)).isTrue();
            List<String> commands = new CopyOnWriteArrayList<>();
            bridge.subscribe("zigbee2mqtt/+/+/set", (t, p) -> commands.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            GatewayConfig config = new ConfigLoader(Map.of()).load(dir);
            AutomationLoader.Loaded automations = config.automationLoader().loadDirectoryAwaiting(config.automationsDir());
            assertThat(automations.automations()).isEmpty();
            try (Gateway gateway = Gateway.start(config, automations, GatewayTime.system(config.location().timeZone()))) {
                assertThat(gateway.awaitConnected(WAIT)).isTrue();
                assertThat(waitingFor(gateway, "bulb_on_motion")).containsExactly("hallway_motion", "living_room_bulb");
                AutomationRun why = runs(gateway, "bulb_on_motion").get(0);
                assertThat(why.outcome()).isEqualTo(AutomationRun.Outcome.WAITING_FOR_DEVICES);
                assertThat(why.details()).singleElement().asString().startsWith("waiting for hallway_motion, living_room_bulb: not discovered yet");

                bridge.publish("zigbee2mqtt/bridge/devices", Zigbee2MqttDiscoveryEndToEndTest.fixture(), 1, true);
                await().atMost(WAIT).until(() -> waitingFor(gateway, "bulb_on_motion").isEmpty());
                await().atMost(WAIT).until(() -> {
                    bridge.publish("zigbee2mqtt/Hallway Motion", "{\"occupancy\":true}", 1, false);
                    bridge.publish("zigbee2mqtt/Hallway Motion", "{\"occupancy\":false}", 1, false);
                    return commands.contains("zigbee2mqtt/Living Room/Bulb/set {\"state\":\"ON\"}");
                });

                assertThat(waitingFor(gateway, "garage_never_paired")).containsExactly("garage_door");
                assertThat(runs(gateway, "garage_never_paired").get(0).outcome()).isEqualTo(AutomationRun.Outcome.WAITING_FOR_DEVICES);
                assertThat(list(gateway)).extracting(AutomationQuery.Info::id).doesNotContain("door_with_typo");
                // The same document again (a rename elsewhere, a restart of Zigbee2MQTT): the typo is not reported twice.
                bridge.publish("zigbee2mqtt/bridge/devices", Zigbee2MqttDiscoveryEndToEndTest.fixture(), 1, true);
                await().atMost(WAIT).until(() -> logs.lines().stream().anyMatch(l -> l.contains("bulb_on_motion")));
                assertThat(logs.atLeast(Level.ERROR)).filteredOn(l -> l.contains("contacts")).singleElement().asString()
                        .contains("discovered.yaml:15:20: front_door (contact_sensor) has no attribute 'contacts' (did you mean 'contact'?)");
                assertThat(logs.atLeast(Level.ERROR)).allMatch(l -> l.contains("discovered.yaml:1")).hasSizeLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void theLogSaysOnceForEachWaitingAutomationWhatItWaitsForNotOnceForEachMentionOfADevice() throws Exception {
        // The shipped automations without devices.yaml (the demo's start): their blueprints name each device many times.
        Files.writeString(dir.resolve("gateway.yaml"), TestHome.externalBroker("tcp://127.0.0.1:1", "30s"));
        for (String file : List.of("hallway.yaml", "heating.yaml", "blueprints/motion_light.yaml", "blueprints/thermostat.yaml")) {
            Path target = dir.resolve("automations").resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(RepositoryHome.root().resolve("automations").resolve(file), target);
        }
        try (LogLines logs = LogLines.of("dev.hearth.gateway")) {
            GatewayConfig config = new ConfigLoader(Map.of()).load(dir);
            AutomationLoader.Loaded automations = config.automationLoader().loadDirectoryAwaiting(config.automationsDir());
            assertThat(automations.waiting()).hasSize(6);
            try (Gateway gateway = Gateway.start(config, automations, GatewayTime.system(config.location().timeZone()))) {
                await().atMost(WAIT).until(() -> logs.lines().stream().filter(l -> l.contains("to be discovered")).count() == 6);

                List<String> warnings = logs.atLeast(Level.WARN);
                assertThat(warnings).doesNotHaveDuplicates();
                assertThat(warnings).filteredOn(l -> l.contains("living_thermostat")).as("one line per heating automation")
                        .hasSize(4).allMatch(l -> l.contains("heating.yaml:"));
                assertThat(warnings).filteredOn(l -> l.contains("hallway_motion")).hasSize(2);
            }
        }
    }

    private static List<AutomationQuery.Info> list(Gateway gateway) {
        return gateway.vertx().eventBus().<AutomationQuery.Listing>request(Addresses.AUTOMATION_LIST, new AutomationQuery.ListAll())
                .toCompletionStage().toCompletableFuture().join().body().automations();
    }

    private static List<String> waitingFor(Gateway gateway, String automation) {
        return list(gateway).stream().filter(a -> a.id().equals(automation)).findFirst().orElseThrow().waitingFor();
    }

    private static List<AutomationRun> runs(Gateway gateway, String automation) {
        return gateway.vertx().eventBus().<AutomationQuery.Runs>request(Addresses.AUTOMATION_RUNS, new AutomationQuery.RecentRuns(automation, 10))
                .toCompletionStage().toCompletableFuture().join().body().runs();
    }
}
