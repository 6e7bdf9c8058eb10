package dev.hearth.distribution;

import dev.hearth.sim.net.FreePort;
import dev.hearth.sim.mqtt.MessageCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The shipped broker jar is cut down (Eclipse Collections and BouncyCastle to the classes reachable from the rest, see
 * gateway/pom.xml): the embedded broker must still do what users rely on, run from the shipped jars, not the build's
 * class path: sign-in, QoS 1 and 2, retained messages, and a persistent session that queues while its client is away.
 */
class EmbeddedBrokerJarTest {
    private static final Path LIB = Path.of("target/hearth/lib");
    private Process gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway == null) return;
        gateway.destroy();
        if (!gateway.waitFor(30, TimeUnit.SECONDS)) gateway.destroyForcibly().waitFor();
    }

    @Test
    void theShippedEmbeddedBrokerSignsInQueuesAndKeepsRetainedMessages(@TempDir Path dir) throws Exception {
        int port = FreePort.loopback();
        startGatewayWithEmbeddedBroker(dir, port);
        String url = "tcp://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).until(() -> FreePort.accepts(port));

        assertThatThrownBy(() -> connect(url, "intruder", "wrong", true)).isInstanceOf(MqttException.class);

        MqttClient subscriber = connect(url, "phone", "s3cret-pass", false);
        subscriber.subscribe(new String[]{"test/#"}, new int[]{2}).waitForCompletion(5000);
        subscriber.disconnect();
        subscriber.close();

        MqttClient publisher = connect(url, "sensor", "s3cret-pass", true);
        publisher.publish("test/retained", message("kept", 1, true));
        for (int i = 0; i < 20; i++) publisher.publish("test/queued", message("m" + i, i % 2 + 1, false));

        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient back = new MqttClient(url, "phone", new MemoryPersistence());
        back.setCallback(received(received));
        back.connect(options("s3cret-pass", false));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 21);
        assertThat(received).contains("test/retained=kept").containsSubsequence("test/queued=m0", "test/queued=m19");

        MqttClient late = connect(url, "late", "s3cret-pass", true);
        List<String> retained = new CopyOnWriteArrayList<>();
        late.setCallback(received(retained));
        late.subscribe(new String[]{"test/retained"}, new int[]{1}).waitForCompletion(5000);
        await().atMost(Duration.ofSeconds(10)).until(() -> retained.contains("test/retained=kept"));
        for (MqttClient c : List.of(back, publisher, late)) {
            c.disconnect();
            c.close();
        }
    }

    private void startGatewayWithEmbeddedBroker(Path dir, int port) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.yaml"), Files.readString(Path.of("../config/gateway.yaml"))
                .replace("port: 8080", "port: 0")
                .replace("  port: 1883", "  port: " + port + "\n  username: hearth-test\n  password_env: TEST_BROKER_PASSWORD"));
        Files.copy(Path.of("../config/devices.yaml"), config.resolve("devices.yaml"));
        Files.createDirectories(dir.resolve("automations"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = LIB.resolve("hearth.jar").toAbsolutePath() + ":" + LIB.resolve("hearth-broker.jar").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, "dev.hearth.gateway.Main", "run", "-c", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile());
        builder.environment().put("TEST_BROKER_PASSWORD", "s3cret-pass");
        gateway = builder.start();
    }

    /** Signs in as the broker's one configured user (the gateway uses the same account). */
    private static MqttClient connect(String url, String clientId, String password, boolean clean) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        client.connect(options(password, clean));
        return client;
    }

    private static MqttConnectionOptions options(String password, boolean clean) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("hearth-test");
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(clean);
        o.setSessionExpiryInterval(clean ? 0L : 300L);
        o.setAutomaticReconnect(false);
        return o;
    }

    private static MqttMessage message(String text, int qos, boolean retained) {
        MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        m.setRetained(retained);
        return m;
    }

    /** Collects "topic=payload" of every message. */
    private static MessageCallback received(List<String> into) {
        return new MessageCallback((topic, m) -> into.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)));
    }
}
