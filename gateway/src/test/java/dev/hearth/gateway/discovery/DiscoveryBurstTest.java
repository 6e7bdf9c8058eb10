package dev.hearth.gateway.discovery;

import ch.qos.logback.classic.Level;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retained burst of Home Assistant discovery (50 ESPHome nodes of three entities each, made from the real ESPHome
 * configs under discovery/homeassistant/esphome) is applied as a burst: a summary line and a subscription request
 * per part of the burst the home receives together (one to a few), not one of each per config (103 lines before);
 * the nodes then report. The time it takes is printed (measured, not asserted).
 */
class DiscoveryBurstTest {
    private static final int NODES = 50;
    private static final String[] ENTITIES = {"sensor.garagedoor1.garage_temperature", "sensor.garagedoor1.garage_humidity",
            "binary_sensor.garagedoor1.garage_door_position"};
    @TempDir
    Path dir;

    @Test
    void fiftyEsphomeNodesRetainedBeforeTheGatewayStartsAreAppliedAsOneBurst() {
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient nodes = new SimClient(broker.url(), "esphome-nodes")) {
            nodes.start();
            assertThat(nodes.awaitConnected(Duration.ofSeconds(10))).isTrue();
            for (int i = 1; i <= NODES; i++) {
                for (String entity : ENTITIES) {
                    String[] parts = entity.split("\\.");
                    nodes.publish("homeassistant/" + parts[0] + "/node" + i + "/" + parts[2] + "/config", config(entity, i), 1, true);
                }
            }
            assertThat(nodes.awaitIdle(Duration.ofSeconds(20))).isTrue();

            try (LogLines discovery = LogLines.of(Discovery.class.getName(), Level.INFO);
                 LogLines subscriptions = LogLines.of("dev.hearth.gateway.mqtt.Subscriptions", Level.INFO);
                 TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), "devices: []\n",
                         "automations: []\n", broker.url())) {
                long start = System.nanoTime();
                home.awaitConnected();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                        .until(() -> home.gateway().registry().specs().size() == NODES
                                && home.gateway().registry().specs().stream().allMatch(d -> d.attributes().size() == ENTITIES.length));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("%d ESPHome nodes (%d Home Assistant configs, retained) known %d ms after the gateway started%n",
                        NODES, NODES * ENTITIES.length, millis);

                List<String> found = discovery.lines().stream().filter(l -> l.contains("devices found or changed")).toList();
                // The burst may reach the home in a few parts (it catches up with the broker link now and then), never per config.
                int configs = NODES * ENTITIES.length;
                assertThat(found).as("one line per burst, not one per config").hasSizeLessThan(configs / 10)
                        .last().asString().endsWith("50 devices known");
                assertThat(subscriptions.lines().stream().filter(l -> l.contains("Subscribing to")))
                        .as("one subscription request per burst, not one per config").hasSizeLessThan(configs / 10);
                System.out.printf("%d summary lines, %d subscription requests%n", found.size(),
                        subscriptions.lines().stream().filter(l -> l.contains("Subscribing to")).count());
                assertThat(home.gateway().registry().spec(new DeviceId("node37")).orElseThrow().attributes())
                        .containsKeys("garage_temperature", "garage_humidity", "garage_door_position");

                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    nodes.publish("node37/sensor/garage_temperature/state", "21.5", 1, false);
                    return home.gateway().registry().state(new DeviceId("node37"))
                            .map(s -> s.attributes().get("garage_temperature")).map(a -> a.value().equals(Value.of(21.5))).orElse(false);
                });
            }
        }
    }

    /** The real ESPHome config, as node {@code i} of the same firmware would announce it. */
    private static String config(String entity, int i) {
        try (InputStream in = DiscoveryBurstTest.class.getResourceAsStream("/discovery/homeassistant/esphome/" + entity + ".json")) {
            String mac = String.format("20500de4%04x", i);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("garagedoor1", "node" + i)
                    .replace("GarageDoor1", "Node" + i).replace("20500de464ec", mac)
                    .replace("\"uniq_id\":\"ESP", "\"uniq_id\":\"" + mac + "ESP");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
