package dev.hearth.gateway.commands;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.mqtt.MessageCallback;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command is done when the device's state topic echoes it: a deaf light fails after retries (and its
 * command_failed trigger runs an automation), a slow one is confirmed once.
 */
class ClosedLoopCommandTest {
    private static final String DEVICES = """
            devices:
              - { id: deaf_light, kind: light, state_topic: zigbee2mqtt/deaf_light }
              - { id: slow_light, kind: light, state_topic: zigbee2mqtt/slow_light }
            """;
    private static final String COMMANDS = """
            commands:
              confirm_timeout: 1s
              retries: 2
              retry_jitter: 100ms
            """;

    private static final String AUTOMATIONS = """
            automations:
              - id: report_deaf_light
                triggers: [ { trigger: command_failed, device: deaf_light } ]
                actions: [ { command: { device: slow_light, set: { brightness: 100 } } } ]
            """;

    @TempDir
    Path dir;

    @Test
    void aDeafLightFailsAfterRetriesAndASlowLightIsConfirmedOnce() throws MqttException {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s") + COMMANDS, DEVICES,
                     AUTOMATIONS, broker.url()).awaitConnected()) {
            Light deaf = light(home, "deaf_light").ignoreCommands(true);
            Light slow = light(home, "slow_light").responseDelay(Duration.ofMillis(500));
            List<CommandFailed> failed = new CopyOnWriteArrayList<>();
            home.gateway().vertx().eventBus().<CommandFailed>consumer(Addresses.DEVICE_COMMAND_FAILED, m -> failed.add(m.body()));
            List<String> correlationIds = new CopyOnWriteArrayList<>();
            MqttClient watcher = watchCorrelationIds(broker.url(), correlationIds);
            try {
                home.awaitKnown("deaf_light", "state");
                home.awaitKnown("slow_light", "state");
                await().atMost(Duration.ofSeconds(20)).until(() -> home.gateway().home().armed());

                command(home, "slow_light");
                command(home, "deaf_light");

                await().atMost(Duration.ofSeconds(15)).until(() -> failed.size() == 1);
                assertThat(failed.get(0).device()).isEqualTo(new DeviceId("deaf_light"));
                assertThat(failed.get(0).attempts()).isEqualTo(3);
                assertThat(deaf.commandsReceived()).isEqualTo(3);
                assertThat(slow.state()).isEqualTo("ON");
                // The command_failed trigger ran its automation: one more command, to the slow light.
                await().atMost(Duration.ofSeconds(5)).until(() -> slow.brightness() == 100);
                assertThat(slow.commandsReceived()).isEqualTo(2);
                await().atMost(Duration.ofSeconds(5)).until(() -> correlationIds.size() == 5);
                assertThat(correlationIds.stream().distinct()).hasSize(3).contains(failed.get(0).correlationId());
                io.micrometer.core.instrument.MeterRegistry meters = home.gateway().meters().registry();
                await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("hearth.commands.confirmed").functionCounter().count() == 2);
                assertThat(meters.get("hearth.commands.resent").functionCounter().count()).isEqualTo(2);
                assertThat(meters.get("hearth.commands.failed").functionCounter().count()).isEqualTo(1);
                assertThat(meters.get("hearth.commands.waiting").gauge().value()).isZero();
            } finally {
                watcher.disconnect();
                watcher.close();
            }
        }
    }

    private static void command(TestHome home, String device) {
        home.gateway().vertx().eventBus().request(Addresses.DEVICE_COMMAND,
                new CommandRequested(new DeviceId(device), Map.of("state", Value.of("ON")), "test")).await();
    }

    private static Light light(TestHome home, String id) {
        Light light = new Light(home.client(id), DeviceTopics.zigbee2mqtt("zigbee2mqtt/" + id));
        light.start();
        assertThat(light.client().awaitConnected(Duration.ofSeconds(10))).isTrue();
        return light;
    }

    /** A plain Paho client: the simulators do not show MQTT v5 user properties. */
    private static MqttClient watchCorrelationIds(String url, List<String> ids) throws MqttException {
        MqttClient c = new MqttClient(url, "correlation-watcher", new MemoryPersistence());
        c.setCallback(new MessageCallback((topic, message) -> {
            MqttProperties p = message.getProperties();
            if (p == null || p.getUserProperties() == null) return;
            for (UserProperty u : p.getUserProperties()) {
                if (u.getKey().equals(Commands.CORRELATION_ID)) ids.add(u.getValue());
            }
        }));
        c.connect();
        c.subscribe("zigbee2mqtt/+/set", 1);
        return c;
    }
}
