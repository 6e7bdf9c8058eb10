package dev.hearth.sim.fleet;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of a cloud service in one shared-subscription group on a real Mosquitto share a fleet's messages:
 * each message reaches exactly one of them, and both take part.
 */
class FleetConsumerTest {

    @Test
    void twoInstancesOfAGroupShareTheFleetsMessages() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimClient first = new SimClient(broker.url(), "ops-1");
             SimClient second = new SimClient(broker.url(), "ops-2");
             SimClient gateways = new SimClient(broker.url(), "gateways")) {
            FleetConsumer one = new FleetConsumer("hearth");
            FleetConsumer two = new FleetConsumer("hearth");
            first.subscribe(FleetConsumer.sharedFilter("ops", "hearth"), one::accept);
            second.subscribe(FleetConsumer.sharedFilter("ops", "hearth"), two::accept);
            first.start();
            second.start();
            gateways.start();
            assertThat(first.awaitConnected(Duration.ofSeconds(10)) && second.awaitConnected(Duration.ofSeconds(10))
                    && gateways.awaitConnected(Duration.ofSeconds(10))).isTrue();

            for (int i = 0; i < 100; i++) {
                gateways.publish("hearth/home" + (i % 4) + "/telemetry/zigbee2mqtt/t", "{\"temperature\":" + i + "}", 1, false);
            }
            gateways.publish("hearth/home0/health", "{\"devices\":{\"online\":3}}", 1, false);

            await().atMost(Duration.ofSeconds(10)).until(() -> one.telemetry() + two.telemetry() == 100);
            assertThat(one.telemetry()).isPositive();
            assertThat(two.telemetry()).isPositive();
            await().atMost(Duration.ofSeconds(5)).until(() -> one.gateway("home0").flatMap(FleetConsumer.Gateway::health)
                    .or(() -> two.gateway("home0").flatMap(FleetConsumer.Gateway::health)).isPresent());
        }
    }
}
