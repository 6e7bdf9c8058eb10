package dev.hearth.gateway.home;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events the broker queued in the gateway's persistent session while it was stopped run after the restart, in
 * order, after the retained state is restored; a stale retained state does not overwrite them. Real Mosquitto
 * (it keeps the session and queues QoS 1 for the offline client), the real gateway stopped and started.
 */
class QueuedEventsAtStartupTest {
    private static final String MOTION = "zigbee2mqtt/hallway_motion";
    private static final String LIGHT = "zigbee2mqtt/hallway_light";
    private static final int REPORTS = 2000;
    private static final String AUTOMATIONS = TestHome.HALLWAY_AUTOMATIONS + """
              - id: ledger
                mode: queued
                triggers:
                  - trigger: mqtt
                    topic: zigbee2mqtt/hallway_motion
                actions:
                  - publish: { topic: ledger/hallway_motion, payload: "${trigger.payload}", qos: 1 }
            """;

    @Test
    void eventsPublishedWhileTheGatewayIsStoppedRunInOrderAfterItStarts(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimClient sensor = connected(broker, "sensor");
             SimClient watcher = connected(broker, "watcher")) {
            String gatewayYaml = TestHome.externalBroker(broker.url(), "30s");
            List<String> ledger = new CopyOnWriteArrayList<>();
            watcher.subscribe("ledger/hallway_motion", (t, p) -> ledger.add(new String(p, StandardCharsets.UTF_8)));
            Light light = new Light(connected(broker, "light"), DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_light"));
            light.start();
            // Given the sensor's retained state says no motion, and the gateway knew it before it stopped
            sensor.publish(MOTION, "{\"occupancy\":false}", 1, true);
            try (TestHome first = TestHome.start(dir, gatewayYaml, TestHome.DEVICES, AUTOMATIONS, broker.url()).awaitConnected()) {
                first.awaitKnown("hallway_motion", "occupancy");
            }

            // When six motion events are published (QoS 1, acknowledged by the broker) while it is stopped
            IntStream.rangeClosed(1, 6).forEach(n -> sensor.publish(MOTION, "{\"occupancy\":true,\"seq\":" + n + "}", 1, false));
            assertThat(sensor.awaitIdle(Duration.ofSeconds(5))).as("broker acknowledged every event").isTrue();

            // Then after the restart every one runs, in order, and the light follows
            try (TestHome second = TestHome.start(dir, gatewayYaml, TestHome.DEVICES, AUTOMATIONS, broker.url()).awaitConnected()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> ledger.size() >= 6);
                assertThat(ledger).containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 6).mapToObj(n -> "{\"occupancy\":true,\"seq\":" + n + "}").toList());
                await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
                // and the retained "no motion", older than the events, did not overwrite them
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() ->
                        second.gateway().registry().state(new DeviceId("hallway_motion")).flatMap(s -> s.value("occupancy"))
                                .equals(java.util.Optional.of(Value.of(true))) && "ON".equals(light.state()));
                assertThat(ledger).hasSize(6);
            } finally {
                light.shutdown();
            }
        }
    }

    /**
     * QoS 1 events are bounded by the broker's in-flight window (the receive maximum the gateway announces, 100): the
     * broker sends no more until they are acknowledged. QoS 0 messages have no window: those that came before triggers
     * armed were all held (1,541-4,303 in the kill -9 runs: a light echoing the commands the outbox replays). Here a
     * device floods QoS 0 reports while the gateway starts, and the broker refuses the gateway's settle marker, so the
     * barrier waits its full second.
     */
    @Test
    void aFloodOfQos0ReportsWhileTriggersArmIsBoundedAndEveryQueuedQos1EventStillRunsInOrder(@TempDir Path dir) throws Exception {
        // mosquitto drops root to its own user: the ACL lies where that user can read it
        Path acl = Files.writeString(Files.createTempFile("hearth-acl", ".conf"), "topic deny hearth/+/settle\ntopic readwrite #\n");
        acl.toFile().deleteOnExit();
        Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("acl_file " + acl).start();
             SimClient sensor = connected(broker, "sensor");
             SimClient flood = connected(broker, "flood");
             SimClient watcher = connected(broker, "watcher");
             LogLines home = LogLines.of("dev.hearth.gateway.home")) {
            // 300 events in a few seconds: more than the runaway guard lets an automation run by default
            String gatewayYaml = TestHome.externalBroker(broker.url(), "30s") + "automation:\n  max_runs_per_second: 10000\n";
            List<String> ledger = new CopyOnWriteArrayList<>();
            watcher.subscribe("ledger/hallway_motion", (t, p) -> ledger.add(new String(p, StandardCharsets.UTF_8)));
            try (TestHome first = TestHome.start(dir.resolve("home"), gatewayYaml, TestHome.DEVICES, AUTOMATIONS, broker.url())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> first.gateway().home().armed());
            }
            // Given 300 motion events (QoS 1) queued for the stopped gateway
            IntStream.rangeClosed(1, 300).forEach(n -> sensor.publish(MOTION, motion(n), 1, false));
            assertThat(sensor.awaitIdle(Duration.ofSeconds(10))).as("broker acknowledged every event").isTrue();

            // When the gateway starts, and the moment it is back (its status says online) the light sends 2,000 reports
            // at QoS 0: its subscriptions are in its resumed session, so they all come before triggers arm
            AtomicBoolean burstSent = new AtomicBoolean();
            flood.subscribe("hearth/+/status", (t, p) -> {
                if ("online".equals(new String(p, StandardCharsets.UTF_8)) && burstSent.compareAndSet(false, true)) {
                    IntStream.rangeClosed(1, REPORTS).forEach(n -> flood.publish(LIGHT, "{\"state\":\"ON\",\"brightness\":" + n / 10 + "}", 0, false));
                }
            });
            try (TestHome second = TestHome.start(dir.resolve("home"), gatewayYaml, TestHome.DEVICES, AUTOMATIONS, broker.url())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> armedLines(home).size() == 2);
                assertThat(burstSent).isTrue();

                // Then at most the QoS 1 window and as many QoS 0 reports waited for the triggers to arm
                String armed = armedLines(home).get(1);
                Matcher held = Pattern.compile("; (\\d+) events received meanwhile").matcher(armed);
                assertThat(held.find()).as(armed).isTrue();
                assertThat(Integer.parseInt(held.group(1))).as(armed).isLessThanOrEqualTo(100 + 100);
                // and every motion event ran once, in order, and the light's newest report is its state
                await().atMost(Duration.ofSeconds(30)).until(() -> ledger.size() >= 300);
                assertThat(ledger).containsExactlyElementsOf(IntStream.rangeClosed(1, 300).mapToObj(n -> motion(n)).toList());
                await().atMost(Duration.ofSeconds(10)).until(() -> second.gateway().registry().state(new DeviceId("hallway_light"))
                        .flatMap(s -> s.value("brightness")).equals(Optional.of(Value.of(REPORTS / 10))));
            }
        }
    }

    private static String motion(int n) {
        return "{\"occupancy\":" + (n % 2 == 1) + ",\"seq\":" + n + "}";
    }

    private static List<String> armedLines(LogLines home) {
        return home.lines().stream().filter(l -> l.contains("Automations armed")).toList();
    }

    private static SimClient connected(MosquittoBroker broker, String name) {
        SimClient c = new SimClient(broker.url(), "queued-" + name);
        c.start();
        assertThat(c.awaitConnected(Duration.ofSeconds(10))).as(name + " connected").isTrue();
        return c;
    }
}
