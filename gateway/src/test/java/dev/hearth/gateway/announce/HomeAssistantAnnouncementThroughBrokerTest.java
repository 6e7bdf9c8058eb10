package dev.hearth.gateway.announce;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code discovery.homeassistant.publish: true}, seen by an MQTT client as Home Assistant would see it. */
class HomeAssistantAnnouncementThroughBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void hearth_announces_its_automations_obeys_home_assistant_and_clears_what_is_gone(@TempDir Path dir) {
        String gatewayYaml = TestHome.externalBroker("%s", "30s");
        Matcher m = Pattern.compile("id: (test\\d+)").matcher(gatewayYaml);
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        String node = "hearth_" + id;
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            // What an earlier run announced: an automation that no longer exists.
            try (SimClient before = new SimClient(broker.url(), "earlier-run")) {
                before.start();
                before.awaitConnected(WAIT);
                before.publish("homeassistant/switch/" + node + "/automation_old_one/config", "{\"name\":\"old\"}", 1, true);
                before.publish("hearth/" + id + "/ha/announced", "[\"old_one\"]", 1, true);
                before.awaitIdle(WAIT);
            }
            String yaml = gatewayYaml.formatted(broker.url()) + "discovery:\n  homeassistant:\n    publish: true\n";
            Map<String, String> seen = new ConcurrentHashMap<>();
            Map<String, String> states = new ConcurrentHashMap<>();
            try (SimClient homeAssistant = new SimClient(broker.url(), "home-assistant")) {
                // Subscribed before Hearth starts, as Home Assistant is: it sees the old config cleared.
                homeAssistant.subscribe("homeassistant/+/" + node + "/+/config", (t, p) -> seen.put(t, new String(p, StandardCharsets.UTF_8)));
                homeAssistant.subscribe("hearth/" + id + "/ha/#", (t, p) -> states.put(t, new String(p, StandardCharsets.UTF_8)));
                homeAssistant.start();
                await().atMost(WAIT).until(() -> seen.containsKey("homeassistant/switch/" + node + "/automation_old_one/config"));
                try (TestHome home = TestHome.start(dir, yaml, broker.url()).awaitConnected()) {
                    String sw = "homeassistant/switch/" + node + "/automation_hallway_on/config";
                    await().atMost(WAIT).untilAsserted(() -> assertThat(seen).containsKeys(sw,
                            "homeassistant/button/" + node + "/automation_hallway_on_run/config",
                            "homeassistant/binary_sensor/" + node + "/broker_link/config",
                            "homeassistant/sensor/" + node + "/outbox_backlog/config"));
                    assertThat(seen.get(sw)).contains("\"command_topic\":\"hearth/" + id + "/ha/automation/hallway_on/set\"",
                            "\"availability_topic\":\"hearth/" + id + "/status\"");
                    await().atMost(WAIT).untilAsserted(() -> assertThat(seen)
                            .containsEntry("homeassistant/switch/" + node + "/automation_old_one/config", ""));
                    await().atMost(WAIT).untilAsserted(() -> assertThat(states)
                            .containsEntry("hearth/" + id + "/ha/automation/hallway_on/state", "ON"));

                    homeAssistant.publish("hearth/" + id + "/ha/automation/hallway_on/set", "OFF", 1, false);

                    await().atMost(WAIT).untilAsserted(() -> assertThat(states)
                            .containsEntry("hearth/" + id + "/ha/automation/hallway_on/state", "OFF"));
                }
            }
        }
    }
}
