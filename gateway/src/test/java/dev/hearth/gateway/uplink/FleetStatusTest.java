package dev.hearth.gateway.uplink;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One subscription on {@code <fleet_prefix>/+/status} and {@code +/health} at the fleet's broker lists every gateway,
 * online or offline, with its health; forwarded telemetry carries a message expiry.
 */
class FleetStatusTest {

    @TempDir
    Path dir;

    private static String uplink(String url) {
        return """
                uplink:
                  url: %s
                  fleet_prefix: fleet
                  health_interval: 1s
                  reconnect: { min: 50ms, max: 500ms }
                  forward:
                    - { from: zigbee2mqtt/living_temperature, to: "fleet/telemetry/{topic}" }
                """.formatted(url);
    }

    @Test
    void theStatusSubscriptionListsEveryGatewayWithItsHealth() throws Exception {
        try (MosquittoBroker local = MosquittoBroker.start(); MosquittoBroker cloud = MosquittoBroker.start();
             TestHome first = TestHome.start(dir.resolve("a"), TestHome.externalBroker(local.url(), "30s") + uplink(cloud.url()), local.url())
                     .awaitConnected();
             TestHome second = TestHome.start(dir.resolve("b"), TestHome.externalBroker(local.url(), "30s") + uplink(cloud.url()), local.url())
                     .awaitConnected();
             CloudClient operator = new CloudClient(cloud.url(), "operator")) {
            first.light();
            operator.subscribe("fleet/+/status").subscribe("fleet/+/health").subscribe("fleet/telemetry/#");

            await().atMost(Duration.ofSeconds(15)).until(() -> latest(operator, "/status").size() == 2);
            assertThat(latest(operator, "/status").values()).containsOnly("online");
            await().atMost(Duration.ofSeconds(15)).until(() -> latest(operator, "/health").values().stream()
                    .map(JsonObject::new).filter(h -> h.getJsonObject("devices").getInteger("online")
                            + h.getJsonObject("devices").getInteger("unknown") + h.getJsonObject("devices").getInteger("offline") == 4)
                    .count() == 2);
            JsonObject health = new JsonObject(latest(operator, "/health").values().iterator().next());
            assertThat(health.getString("version")).isNotBlank();
            assertThat(health.getJsonObject("outbox").getLong("local")).isZero();
            assertThat(health.getJsonObject("link").getLong("uptime_s")).isNotNegative();
            assertThat(health.getJsonObject("automations").getInteger("total")).isEqualTo(2);
            assertThat(health.getJsonObject("automations").getInteger("paused")).isZero();

            first.connectedClient("temperature").publish("zigbee2mqtt/living_temperature", "{\"temperature\":19}");
            await().atMost(Duration.ofSeconds(10)).until(() -> !operator.on("fleet/telemetry/zigbee2mqtt/living_temperature").isEmpty());
            assertThat(operator.on("fleet/telemetry/zigbee2mqtt/living_temperature").get(0).expiry()).isPositive();

            second.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> latest(operator, "/status").containsValue("offline"));
            assertThat(latest(operator, "/status").values()).containsExactlyInAnyOrder("online", "offline");
        }
    }

    /** The newest payload on each gateway's topic ending in {@code suffix}, by topic. */
    private static Map<String, String> latest(CloudClient operator, String suffix) {
        return operator.received.stream().filter(r -> r.topic().endsWith(suffix) && !r.topic().startsWith("fleet/telemetry/"))
                .collect(Collectors.toMap(CloudClient.Received::topic, CloudClient.Received::payload, (a, b) -> b));
    }
}
