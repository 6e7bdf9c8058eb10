package dev.hearth.gateway.automation;

import dev.hearth.gateway.automation.load.AutomationReload;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A file dropped into automations/ while the gateway runs works at once, even for a topic nobody subscribed to yet. */
class HotReloadEndToEndTest {
    private static final String DOORBELL = """
            automations:
              - id: doorbell_light
                triggers:
                  - trigger: mqtt
                    topic: doorbell/+/pressed
                actions:
                  - command: { device: hallway_light, set: { state: "ON" } }
            """;

    @Test
    void aReloadedMqttTriggerListensOnItsNewTopicWithoutARestart(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "10s"), broker.url()).awaitConnected()) {
            List<String> commands = new CopyOnWriteArrayList<>();
            home.connectedClient("watcher").subscribe("zigbee2mqtt/hallway_light/set",
                    (t, p) -> commands.add(new String(p, StandardCharsets.UTF_8)));
            SimClient doorbell = home.connectedClient("doorbell");
            List<AutomationReload> reloads = new CopyOnWriteArrayList<>();
            home.gateway().vertx().eventBus().<AutomationReload>consumer(Addresses.AUTOMATION_RELOADED, m -> reloads.add(m.body()));

            Files.writeString(dir.resolve("automations/doorbell.yaml"), DOORBELL);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reloads)
                    .anySatisfy(r -> assertThat(r.applied() && r.automations().contains("doorbell_light")).isTrue()));

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                doorbell.publish("doorbell/front/pressed", "1");
                assertThat(commands).anySatisfy(c -> assertThat(c).contains("\"state\":\"ON\""));
            });
        }
    }
}
