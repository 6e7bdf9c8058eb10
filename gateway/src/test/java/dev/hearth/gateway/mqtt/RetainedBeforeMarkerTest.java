package dev.hearth.gateway.mqtt;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.MessageCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the settle marker relies on, on Mosquitto: after the SUBACK, a message the subscriber publishes itself
 * to a subscribed topic arrives after every retained message of that subscription. HiveMQ CE sends retained
 * messages from a task of their own, so under load a marker can overtake them (seen once: 775 of 2,000 before
 * it); the gateway therefore never uses the marker with its embedded HiveMQ.
 */
class RetainedBeforeMarkerTest {
    private static final int RETAINED = 2_000;

    @Test
    void mosquittoSendsEveryRetainedMessageBeforeTheSubscribersOwnLaterPublication() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            assertRetainedArriveBeforeMarker(broker.url());
        }
    }

    private static void assertRetainedArriveBeforeMarker(String url) throws MqttException {
        MqttClient publisher = connect(url, "retained-publisher", List.of());
        for (int i = 0; i < RETAINED; i++) {
            // QoS 0 but the last: its PUBACK means the broker has stored every one before it (one connection is in order).
            publisher.publish("states/device_" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), i == RETAINED - 1 ? 1 : 0, true);
        }
        close(publisher);

        List<String> arrivals = new CopyOnWriteArrayList<>();
        MqttClient subscriber = connect(url, "settling-subscriber", arrivals);
        try {
            subscriber.subscribe(new String[] {"states/#", "me/settle"}, new int[] {1, 1});
            subscriber.publish("me/settle", "marker".getBytes(StandardCharsets.UTF_8), 0, false);
            await().atMost(Duration.ofSeconds(20)).until(() -> arrivals.contains("me/settle"));
            assertThat(arrivals.indexOf("me/settle")).as("retained messages before the marker").isEqualTo(RETAINED);
        } finally {
            close(subscriber);
        }
    }

    private static MqttClient connect(String url, String id, List<String> arrivals) throws MqttException {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, message) -> arrivals.add(topic)));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setTopicAliasMaximum(0);
        client.connect(options);
        return client;
    }

    private static void close(MqttClient client) throws MqttException {
        client.disconnect();
        client.close();
    }
}
