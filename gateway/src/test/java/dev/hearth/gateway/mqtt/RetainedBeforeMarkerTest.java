package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.broker.EmbeddedBroker;
import dev.hearth.gateway.config.BrokerSettings;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;
import dev.hearth.sim.mqtt.MessageCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the settle marker relies on, checked on both brokers the gateway runs with: after the SUBACK, a
 * message the subscriber publishes itself to a subscribed topic arrives after every retained message of
 * that subscription.
 */
class RetainedBeforeMarkerTest {
    private static final int RETAINED = 2_000;

    @Test
    void mosquittoSendsEveryRetainedMessageBeforeTheSubscribersOwnLaterPublication() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            assertRetainedArriveBeforeMarker(broker.url());
        }
    }

    @Test
    void embeddedHiveMqSendsEveryRetainedMessageBeforeTheSubscribersOwnLaterPublication(@TempDir Path dir) throws Exception {
        int port = FreePort.loopback();
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", port, Optional.empty(), Optional.empty()), dir)) {
            assertRetainedArriveBeforeMarker("tcp://127.0.0.1:" + port);
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
