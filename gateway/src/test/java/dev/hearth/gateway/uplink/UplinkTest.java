package dev.hearth.gateway.uplink;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The uplink broker goes down: the home keeps working on its local broker while forwarded telemetry
 * waits in the uplink outbox; when the uplink is back, the telemetry arrives there, in order, rewritten.
 */
class UplinkTest {

    @TempDir
    Path dir;

    @Test
    void uplinkOutageNeverStopsTheHomeAndForwardsTheBacklogInOrder() {
        try (MosquittoBroker local = MosquittoBroker.start(); MosquittoBroker cloud = MosquittoBroker.start();
             TcpProxy proxy = TcpProxy.to(cloud.port());
             TestHome home = TestHome.start(dir, TestHome.externalBroker(local.url(), "30s") + """
                     uplink:
                       url: %s
                       connect_timeout: 2s
                       reconnect: { min: 50ms, max: 500ms }
                       rate: 200
                       burst: 10
                       forward:
                         - { from: zigbee2mqtt/living_temperature, to: "homes/test/{topic}" }
                     """.formatted(proxy.url()), local.url()).awaitConnected();
             SimClient observer = new SimClient(cloud.url(), "cloud-observer")) {
            List<String> forwarded = new CopyOnWriteArrayList<>();
            AtomicInteger observerConnects = new AtomicInteger();
            observer.onConnect(observerConnects::incrementAndGet);
            observer.subscribe("homes/#", (t, p) -> forwarded.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            observer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> observerConnects.get() == 1);
            SimClient sensor = home.connectedClient("temperature");
            sensor.publish("zigbee2mqtt/living_temperature", "{\"temperature\":19}");
            await().atMost(Duration.ofSeconds(10)).until(() -> forwarded.size() == 1);

            proxy.refuseConnections(true);
            cloud.stop();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String payload = "{\"temperature\":" + (20 + i / 10.0) + "}";
                sensor.publish("zigbee2mqtt/living_temperature", payload);
                expected.add("homes/test/zigbee2mqtt/living_temperature " + payload);
            }
            home.assertMotionSwitchesLight();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(home.gateway().meters().registry()
                    .get("hearth.outbox.queued").tag("link", "uplink").gauge().value()).isEqualTo(30.0));

            cloud.startAgain();
            await().atMost(Duration.ofSeconds(15)).until(() -> observerConnects.get() >= 2);
            proxy.refuseConnections(false);
            await().atMost(Duration.ofSeconds(15)).until(() -> forwarded.size() >= 31);
            assertThat(forwarded.subList(1, forwarded.size())).containsExactlyElementsOf(expected);
        }
    }
}
