package dev.hearth.gateway.discovery;

import ch.qos.logback.classic.Level;
import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * An automation with an {@code mqtt} trigger that becomes effective after the broker link subscribed (it waited for a
 * device discovery brought, or its file was edited) gets its topic subscribed then, through a real broker; when it
 * goes, the topic is dropped. Before the fix the waiting automation joined the engine but never heard its topic.
 */
class MqttTriggersOfLaterAutomationsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DOORBELL = """
            automations:
              - id: doorbell_lights_hall
                triggers:
                  - trigger: mqtt
                    topic: doorbell/pressed
                actions:
                  - command: { device: living_room_bulb, set: { state: "ON" } }
            """;

    @TempDir
    Path dir;

    @Test
    void aWaitingAutomationsTopicIsSubscribedOnceItsDeviceIsDiscoveredAndDroppedWhenItGoes() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient bridge = new SimClient(broker.url(), "z2m-bridge");
             LogLines subscriptions = LogLines.of("dev.hearth.gateway.mqtt.Subscriptions", Level.INFO)) {
            Files.createDirectories(dir.resolve("automations"));
            Files.writeString(dir.resolve("gateway.yaml"), TestHome.externalBroker(broker.url(), "30s"));
            Path file = Files.writeString(dir.resolve("automations/doorbell.yaml"), DOORBELL);
            bridge.start();
            assertThat(bridge.awaitConnected(WAIT)).isTrue();
            List<String> commands = new CopyOnWriteArrayList<>();
            bridge.subscribe("zigbee2mqtt/+/+/set", (t, p) -> commands.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            GatewayConfig config = new ConfigLoader(Map.of()).load(dir);
            AutomationLoader.Loaded automations = config.automationLoader().loadDirectoryAwaiting(config.automationsDir());
            assertThat(automations.waiting()).hasSize(1);
            try (Gateway gateway = Gateway.start(config, automations, GatewayTime.system(config.location().timeZone()))) {
                assertThat(gateway.awaitConnected(WAIT)).isTrue();

                bridge.publish("zigbee2mqtt/bridge/devices", Zigbee2MqttDiscoveryEndToEndTest.fixture(), 1, true);
                await().atMost(WAIT).until(() -> waitingFor(gateway).isEmpty());
                await().atMost(WAIT).until(() -> {
                    bridge.publish("doorbell/pressed", "ding", 1, false);
                    return commands.contains("zigbee2mqtt/Living Room/Bulb/set {\"state\":\"ON\"}");
                });

                Files.writeString(file, "automations: []\n");
                await().atMost(WAIT).until(() -> subscriptions.lines().stream()
                        .anyMatch(l -> l.contains("Dropping 1 topic filters") && l.contains("doorbell/pressed")));
            }
        }
    }

    @Test
    void anEditedFilesNewTopicIsSubscribedAndTheOldOneDropped() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient bridge = new SimClient(broker.url(), "z2m-bridge");
             LogLines subscriptions = LogLines.of("dev.hearth.gateway.mqtt.Subscriptions", Level.INFO)) {
            Files.createDirectories(dir.resolve("automations"));
            Files.writeString(dir.resolve("gateway.yaml"), TestHome.externalBroker(broker.url(), "30s"));
            Path file = Files.writeString(dir.resolve("automations/doorbell.yaml"), DOORBELL);
            bridge.start();
            assertThat(bridge.awaitConnected(WAIT)).isTrue();
            bridge.publish("zigbee2mqtt/bridge/devices", Zigbee2MqttDiscoveryEndToEndTest.fixture(), 1, true);
            List<String> commands = new CopyOnWriteArrayList<>();
            bridge.subscribe("zigbee2mqtt/+/+/set", (t, p) -> commands.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            GatewayConfig config = new ConfigLoader(Map.of()).load(dir);
            AutomationLoader.Loaded automations = config.automationLoader().loadDirectoryAwaiting(config.automationsDir());
            try (Gateway gateway = Gateway.start(config, automations, GatewayTime.system(config.location().timeZone()))) {
                assertThat(gateway.awaitConnected(WAIT)).isTrue();
                await().atMost(WAIT).until(() -> waitingFor(gateway).isEmpty());

                Files.writeString(file, DOORBELL.replace("doorbell/pressed", "doorbell/rang"));
                await().atMost(WAIT).until(() -> subscriptions.lines().stream()
                        .anyMatch(l -> l.contains("Dropping 1 topic filters") && l.contains("doorbell/pressed")));
                await().atMost(WAIT).until(() -> {
                    bridge.publish("doorbell/rang", "ding", 1, false);
                    return commands.contains("zigbee2mqtt/Living Room/Bulb/set {\"state\":\"ON\"}");
                });
            }
        }
    }

    private static List<String> waitingFor(Gateway gateway) {
        List<AutomationQuery.Info> all = gateway.vertx().eventBus().<AutomationQuery.Listing>request(Addresses.AUTOMATION_LIST,
                new AutomationQuery.ListAll()).toCompletionStage().toCompletableFuture().join().body().automations();
        return all.stream().filter(a -> a.id().equals("doorbell_lights_hall")).findFirst().orElseThrow().waitingFor();
    }
}
