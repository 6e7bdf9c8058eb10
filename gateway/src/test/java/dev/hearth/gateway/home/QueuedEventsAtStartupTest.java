package dev.hearth.gateway.home;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events the broker queued in the gateway's persistent session while it was stopped run after the restart, in
 * order, after the retained state is restored; a stale retained state does not overwrite them. Real Mosquitto
 * (it keeps the session and queues QoS 1 for the offline client), the real gateway stopped and started.
 */
class QueuedEventsAtStartupTest {
    private static final String MOTION = "zigbee2mqtt/hallway_motion";
    private static final String AUTOMATIONS = TestHome.HALLWAY_AUTOMATIONS + """
              - id: ledger
                mode: queued
                triggers:
                  - trigger: mqtt
                    topic: zigbee2mqtt/hallway_motion
                actions:
                  - publish: { topic: ledger/hallway_motion, payload: "${trigger.payload}", qos: 1 }
            """;

    @Test
    void eventsPublishedWhileTheGatewayIsStoppedRunInOrderAfterItStarts(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimClient sensor = connected(broker, "sensor");
             SimClient watcher = connected(broker, "watcher")) {
            String gatewayYaml = TestHome.externalBroker(broker.url(), "30s");
            List<String> ledger = new CopyOnWriteArrayList<>();
            watcher.subscribe("ledger/hallway_motion", (t, p) -> ledger.add(new String(p, StandardCharsets.UTF_8)));
            Light light = new Light(connected(broker, "light"), DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_light"));
            light.start();
            // Given the sensor's retained state says no motion, and the gateway knew it before it stopped
            sensor.publish(MOTION, "{\"occupancy\":false}", 1, true);
            try (TestHome first = TestHome.start(dir, gatewayYaml, TestHome.DEVICES, AUTOMATIONS, broker.url()).awaitConnected()) {
                first.awaitKnown("hallway_motion", "occupancy");
            }

            // When six motion events are published (QoS 1, acknowledged by the broker) while it is stopped
            IntStream.rangeClosed(1, 6).forEach(n -> sensor.publish(MOTION, "{\"occupancy\":true,\"seq\":" + n + "}", 1, false));
            assertThat(sensor.awaitIdle(Duration.ofSeconds(5))).as("broker acknowledged every event").isTrue();

            // Then after the restart every one runs, in order, and the light follows
            try (TestHome second = TestHome.start(dir, gatewayYaml, TestHome.DEVICES, AUTOMATIONS, broker.url()).awaitConnected()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> ledger.size() >= 6);
                assertThat(ledger).containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 6).mapToObj(n -> "{\"occupancy\":true,\"seq\":" + n + "}").toList());
                await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
                // and the retained "no motion", older than the events, did not overwrite them
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() ->
                        second.gateway().registry().state(new DeviceId("hallway_motion")).flatMap(s -> s.value("occupancy"))
                                .equals(java.util.Optional.of(Value.of(true))) && "ON".equals(light.state()));
                assertThat(ledger).hasSize(6);
            } finally {
                light.shutdown();
            }
        }
    }

    private static SimClient connected(MosquittoBroker broker, String name) {
        SimClient c = new SimClient(broker.url(), "queued-" + name);
        c.start();
        assertThat(c.awaitConnected(Duration.ofSeconds(10))).as(name + " connected").isTrue();
        return c;
    }
}
