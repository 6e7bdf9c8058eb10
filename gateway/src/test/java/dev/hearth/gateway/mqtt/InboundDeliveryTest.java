package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker may deliver a message once per matching subscription: the gateway subscribes so that each message arrives once. */
class InboundDeliveryTest {
    private static final String COUNTING_AUTOMATION = """
            automations:
              - id: every_zigbee_message
                mode: parallel
                max: 1000
                triggers: [ { trigger: mqtt, topic: "zigbee2mqtt/+" } ]
                actions: [ { stop: counted } ]
            """;

    @TempDir
    Path dir;

    @Test
    void filtersThatOverlapStillDeliverEachMessageOnceToTheCoreAndOnceToTheUplink() {
        try (MosquittoBroker local = MosquittoBroker.start(); MosquittoBroker cloud = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(local.url(), "30s") + """
                     automation:
                       max_runs_per_second: 1000
                     uplink:
                       url: %s
                       rate: 1000
                       burst: 1000
                       forward:
                         - { from: "zigbee2mqtt/#", to: "homes/test/{topic}" }
                     """.formatted(cloud.url()), TestHome.DEVICES, COUNTING_AUTOMATION, local.url()).awaitConnected();
             SimClient observer = new SimClient(cloud.url(), "cloud-observer")) {
            List<String> forwarded = new CopyOnWriteArrayList<>();
            AtomicInteger observerConnects = new AtomicInteger();
            observer.onConnect(observerConnects::incrementAndGet);
            observer.subscribe("homes/#", (t, p) -> forwarded.add(t));
            observer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> observerConnects.get() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                var up = home.gateway().meters().registry().find("hearth.outbox.connected").tag("link", "uplink").gauge();
                return up != null && up.value() == 1.0;
            });

            SimClient sensor = home.connectedClient("temperature");
            for (int i = 0; i < 20; i++) sensor.publish("zigbee2mqtt/living_temperature", "{\"temperature\":" + (20 + i) + "}", 1, false);

            // The device topic, the trigger's "zigbee2mqtt/+" and the uplink's "zigbee2mqtt/#" all match each message.
            await().atMost(Duration.ofSeconds(10)).until(() -> forwarded.size() >= 20 && runs(home) >= 20);
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> forwarded.size() == 20 && runs(home) == 20);
        }
    }

    private static double runs(TestHome home) {
        return home.gateway().meters().registry().find("hearth.automation.runs").tag("automation", "every_zigbee_message")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
