package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker restart (sessions lost: Mosquitto without persistence) is survived without restarting the gateway. */
class BrokerRestartTest {

    @Test
    void gatewayReconnectsResubscribesAndAutomationsWorkAgain(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), broker.url()).awaitConnected()) {
            List<ConnectionChanged> changes = new CopyOnWriteArrayList<>();
            home.gateway().vertx().eventBus().<ConnectionChanged>consumer(Addresses.MQTT_CONNECTION, m -> changes.add(m.body()));
            await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> true);

            broker.restart();

            await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() >= 2);
            assertThat(changes).extracting(ConnectionChanged::connected).containsExactly(false, true);
            home.awaitConnected();
            home.assertMotionSwitchesLight();
        }
    }
}
