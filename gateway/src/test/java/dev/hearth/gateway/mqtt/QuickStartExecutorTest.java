package dev.hearth.gateway.mqtt;

import dev.hearth.sim.mqtt.MessageCallback;

import dev.hearth.sim.broker.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paho runs on {@link QuickStartExecutor}: its start-up naps are cut short (the speed itself is
 * measured by bench/, not here) and the client still works, connect after connect.
 */
class QuickStartExecutorTest {
    @Test
    void pahoClientsConnectAndDeliverWhileTheirStartUpNapsAreCutShort() throws Exception {
        QuickStartExecutor threads = new QuickStartExecutor("test-paho");
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            for (int round = 0; round < 3; round++) {
                List<String> received = new CopyOnWriteArrayList<>();
                MqttAsyncClient client = new MqttAsyncClient(broker.url(), "quick-" + round, new MemoryPersistence(), null, threads);
                client.setCallback(collectingInto(received));
                client.connect(new MqttConnectionOptions()).waitForCompletion(5_000);
                client.subscribe("quick/#", 1).waitForCompletion(5_000);
                client.publish("quick/" + round, ("hello " + round).getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(5_000);

                String expected = "hello " + round;
                await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(expected));
                client.disconnect().waitForCompletion(5_000);
                client.close();
            }
        } finally {
            threads.shutdownNow();
        }
        // Three loops per connect each nap once unless the new loop won the race for Paho's lock.
        assertThat(threads.wakeUps()).isGreaterThanOrEqualTo(3);
        assertThat(threads.isShutdown()).isTrue();
    }

    private static MqttCallback collectingInto(List<String> received) {
        return new MessageCallback((topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
    }
}
