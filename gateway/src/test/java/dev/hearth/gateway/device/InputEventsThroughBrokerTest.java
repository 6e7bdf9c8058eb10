package dev.hearth.gateway.device;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.hearth.gateway.device.DeviceFormatsTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through a real broker: a Shelly Plus i4's {@code NotifyEvent} and a detached Tasmota switch's action fire an
 * {@code event} trigger on every press, the same press twice too (real payloads from their documentation).
 */
class InputEventsThroughBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DEVICES = """
            devices:
              - id: hall_i4
                kind: button
                format: shelly_gen2
                topic: shellyplusi4-a8032ab12345
              - id: stairs
                kind: generic
                format: tasmota
                topic: stairs_1
                attributes:
                  switch1: { type: event }
            """;
    private static final String AUTOMATIONS = """
            automations:
              - id: i4_pressed
                mode: queued
                triggers: [ { trigger: event, device: hall_i4, event: single_push } ]
                actions: [ { publish: { topic: pressed/i4, payload: "${trigger.event}" } } ]
              - id: stairs_toggled
                mode: queued
                triggers: [ { trigger: event, device: stairs, attribute: switch1, event: toggle } ]
                actions: [ { publish: { topic: pressed/stairs, payload: "${trigger.event}" } } ]
            """;

    @TempDir
    Path dir;

    @Test
    void everyPressFiresTheEventTrigger() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), DEVICES, AUTOMATIONS, broker.url());
             SimClient devices = new SimClient(broker.url(), "devices")) {
            home.awaitConnected();
            // Subscribed before the start: the client subscribes before it reports connected. Subscribing later
            // is asynchronous, and the automations' publishes could come before it (failed once in CI).
            List<String> presses = new CopyOnWriteArrayList<>();
            devices.subscribe("pressed/+", (t, p) -> presses.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            devices.start();
            assertThat(devices.awaitConnected(WAIT)).isTrue();

            for (int i = 0; i < 2; i++) {
                devices.publish("shellyplusi4-a8032ab12345/events/rpc", fixture("shelly-events-rpc-single_push.json"), 1, false);
                devices.publish("stat/stairs_1/RESULT", fixture("tasmota-stat-RESULT-switch1-toggle.json"), 1, false);
            }

            await().atMost(WAIT).until(() -> presses.size() >= 4);
            assertThat(presses).containsExactlyInAnyOrder("pressed/i4 single_push", "pressed/i4 single_push",
                    "pressed/stairs toggle", "pressed/stairs toggle");
        }
    }
}
