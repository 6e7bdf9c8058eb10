package dev.hearth.gateway.commands;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.MessageCallback;
import dev.hearth.sim.mqtt.SimClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command's confirmation clock starts when the broker has it: while the broker is away the command waits in the
 * outbox, is neither reported failed nor queued again per retry, and reaches the device once after the reconnect.
 * Mosquitto keeps sessions across its restart, and the light keeps one, so nothing it is sent is lost to a race.
 */
class ConfirmationWhileBrokerAwayTest {
    private static final String DEVICES = "devices:\n  - { id: light, kind: light, state_topic: zigbee2mqtt/light }\n";
    private static final String COMMANDS = """
            commands:
              confirm_timeout: 6s
              retries: 1
              retry_jitter: 100ms
            """;

    @Test
    void aCommandQueuedWhileTheBrokerIsDownIsNeitherFailedNorRepeated(@TempDir Path dir) throws MqttException {
        // Run as root, Mosquitto would drop to its own user, which may not write into the test's directory.
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("user " + System.getProperty("user.name"))
                .configLine("persistence true")
                .configLine("persistence_location " + dir.toAbsolutePath() + "/").start();
             TestHome home = TestHome.start(dir.resolve("home"), TestHome.externalBroker(broker.url(), "30s") + COMMANDS,
                     DEVICES, "automations: []\n", broker.url()).awaitConnected()) {
            List<String> received = new CopyOnWriteArrayList<>();
            MqttAsyncClient light = echoingLight(broker.url(), received, home.connectedClient("light-state"));
            try {
                home.awaitKnown("light", "state");
                await().atMost(Duration.ofSeconds(20)).until(() -> home.gateway().home().armed());
                List<CommandFailed> failed = new CopyOnWriteArrayList<>();
                List<Boolean> connection = new CopyOnWriteArrayList<>();
                home.gateway().vertx().eventBus().<CommandFailed>consumer(Addresses.DEVICE_COMMAND_FAILED, m -> failed.add(m.body()));
                home.gateway().vertx().eventBus().<ConnectionChanged>consumer(Addresses.MQTT_CONNECTION, m -> connection.add(m.body().connected()));

                // Given the broker is down and one command is requested
                broker.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> connection.contains(false));
                home.gateway().vertx().eventBus().request(Addresses.DEVICE_COMMAND,
                        new CommandRequested(new DeviceId("light"), Map.of("state", Value.of("ON")), "test"));

                // When it stays down for 10 s (longer than the timeout, which the old clock counted from the request), nothing is reported failed
                await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(failed::isEmpty);

                // Then after it comes back the light gets the command exactly once, and it is confirmed
                broker.startAgain();
                MeterRegistry meters = home.gateway().meters().registry();
                await().atMost(Duration.ofSeconds(20)).until(() -> meters.get("hearth.commands.confirmed").functionCounter().count() == 1);
                await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8)).until(() -> received.size() == 1);
                assertThat(failed).isEmpty();
                assertThat(meters.get("hearth.commands.resent").functionCounter().count()).isZero();
            } finally {
                light.disconnectForcibly(1000);
                light.close();
            }
        }
    }

    /**
     * A light that receives with a persistent session (it misses nothing across the broker's restart) and echoes its
     * state through {@code states} (Paho's own client, resuming its session, resends without a topic: see DESIGN).
     */
    private static MqttAsyncClient echoingLight(String url, List<String> received, SimClient states) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, "persistent-light", new MemoryPersistence());
        c.setCallback(new MessageCallback((topic, message) -> {
            String command = new String(message.getPayload(), StandardCharsets.UTF_8);
            received.add(command);
            states.publish("zigbee2mqtt/light", command.contains("\"ON\"") ? "{\"state\":\"ON\"}" : "{\"state\":\"OFF\"}", 1, true);
        }));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(300L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        c.connect(options).waitForCompletion(5000);
        c.subscribe("zigbee2mqtt/light/set", 1).waitForCompletion(5000);
        states.publish("zigbee2mqtt/light", "{\"state\":\"OFF\"}", 1, true);
        return c;
    }
}
