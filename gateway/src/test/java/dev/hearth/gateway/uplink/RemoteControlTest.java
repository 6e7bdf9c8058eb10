package dev.hearth.gateway.uplink;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.fault.TcpProxy;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remote control through a real upstream broker: a fleet operator's MQTT 5 requests (response topic, correlation data,
 * message expiry) on {@code <fleet_prefix>/<gateway>/cmd/…} reach the devices the allow-list names, are validated as
 * the HTTP API validates, and are answered; anything else is refused and never executed.
 */
class RemoteControlTest {
    private static final String REPLIES = "operators/alice/replies";

    @TempDir
    Path dir;

    private static String uplink(String url) {
        return """
                uplink:
                  url: %s
                  fleet_prefix: fleet
                  connect_timeout: 2s
                  reconnect: { min: 50ms, max: 500ms }
                  forward: []
                  remote_control:
                    devices: [hallway_*]
                    automations: [hallway_on]
                """.formatted(url);
    }

    /** The gateway's namespace, read off its retained status. */
    private static String namespace(CloudClient operator) throws Exception {
        operator.subscribe("fleet/+/status");
        await().atMost(Duration.ofSeconds(15)).until(() -> operator.received.stream().anyMatch(r -> r.topic().endsWith("/status")));
        String topic = operator.received.stream().filter(r -> r.topic().endsWith("/status")).findFirst().orElseThrow().topic();
        return topic.substring(0, topic.length() - "/status".length());
    }

    private static String status(List<CloudClient.Received> answers, int i) {
        return new JsonObject(answers.get(i).payload()).getString("status");
    }

    @Test
    void anAllowedCommandReachesTheDeviceAndItsAnswersCarryTheCorrelationData() throws Exception {
        try (MosquittoBroker local = MosquittoBroker.start(); MosquittoBroker cloud = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(local.url(), "30s") + uplink(cloud.url()), local.url())
                     .awaitConnected();
             CloudClient operator = new CloudClient(cloud.url(), "operator").subscribe(REPLIES + "/#")) {
            Light light = home.light();
            home.awaitKnown("hallway_light", "state");
            String ns = namespace(operator);
            awaitUplinkSubscribed(ns, operator);

            operator.request(ns + "/cmd/device/hallway_light", "{\"set\":{\"state\":\"ON\",\"brightness\":200}}", REPLIES, "c-1", 60);

            await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
            await().atMost(Duration.ofSeconds(10)).until(() -> operator.answers(REPLIES, "c-1").size() == 2);
            List<CloudClient.Received> answers = operator.answers(REPLIES, "c-1");
            assertThat(status(answers, 0)).isEqualTo("accepted");
            assertThat(status(answers, 1)).isEqualTo("delivered");
            assertThat(light.brightness()).isEqualTo(200);

            operator.request(ns + "/cmd/device/kitchen_plug", "{\"set\":{\"state\":\"ON\"}}", REPLIES, "c-2", 60);
            operator.request(ns + "/cmd/device/hallway_light", "{\"set\":{\"brightness\":\"bright\"}}", REPLIES, "c-3", 60);
            operator.request(ns + "/cmd/automation/hallway_off/disable", "", REPLIES, "c-4", 60);
            operator.request(ns + "/cmd/automation/hallway_on/disable", "", REPLIES, "c-5", 60);

            await().atMost(Duration.ofSeconds(10)).until(() -> operator.answers(REPLIES, "c-5").size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> operator.answers(REPLIES, "c-4").size() == 1);
            JsonObject notAllowed = new JsonObject(operator.answers(REPLIES, "c-2").get(0).payload());
            assertThat(notAllowed.getString("status")).isEqualTo("refused");
            assertThat(notAllowed.getString("reason")).isEqualTo("not_allowed");
            JsonObject invalid = new JsonObject(operator.answers(REPLIES, "c-3").get(0).payload());
            assertThat(invalid.getString("reason")).isEqualTo("invalid");
            assertThat(invalid.getString("message")).contains("brightness");
            assertThat(new JsonObject(operator.answers(REPLIES, "c-4").get(0).payload()).getString("reason")).isEqualTo("not_allowed");
            assertThat(status(operator.answers(REPLIES, "c-5"), 0)).isEqualTo("accepted");
            AutomationQuery.Listing listing = home.gateway().vertx().eventBus()
                    .<AutomationQuery.Listing>request(Addresses.AUTOMATION_LIST, new AutomationQuery.ListAll()).await().body();
            assertThat(listing.automations().stream().filter(a -> a.id().equals("hallway_on")).findFirst()
                    .orElseThrow().enabled()).isFalse();
            assertThat(home.gateway().meters().registry().get("hearth.uplink.remote.refused").tag("reason", "not_allowed")
                    .counter().count()).isEqualTo(2.0);
            assertThat(light.commandsReceived()).isEqualTo(1);
        }
    }

    @Test
    void afterAnOutageAnExpiredCommandIsNotExecutedAndARepeatedOneRunsOnce() throws Exception {
        try (MosquittoBroker local = MosquittoBroker.start(); MosquittoBroker cloud = MosquittoBroker.start();
             TcpProxy proxy = TcpProxy.to(cloud.port());
             TestHome home = TestHome.start(dir, TestHome.externalBroker(local.url(), "30s") + uplink(proxy.url()), local.url())
                     .awaitConnected();
             CloudClient operator = new CloudClient(cloud.url(), "operator").subscribe(REPLIES + "/#")) {
            Light light = home.light();
            home.awaitKnown("hallway_light", "state");
            String ns = namespace(operator);
            awaitUplinkSubscribed(ns, operator);

            proxy.refuseConnections(true);
            proxy.sever();
            operator.request(ns + "/cmd/device/hallway_light", "{\"set\":{\"state\":\"ON\"}}", REPLIES, "stale", 1);
            operator.request(ns + "/cmd/device/hallway_light", "{\"set\":{\"brightness\":120}}", REPLIES, "fresh", 600);
            operator.request(ns + "/cmd/device/hallway_light", "{\"set\":{\"brightness\":120}}", REPLIES, "fresh", 600);
            await().pollDelay(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            proxy.refuseConnections(false);

            await().atMost(Duration.ofSeconds(20)).until(() -> operator.answers(REPLIES, "fresh").size() >= 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> light.brightness() == 120);
            assertThat(operator.answers(REPLIES, "fresh").stream().map(r -> new JsonObject(r.payload()).getString("status")))
                    .containsExactlyInAnyOrder("accepted", "delivered", "refused");
            assertThat(operator.answers(REPLIES, "stale")).isEmpty();
            assertThat(light.state()).isNotEqualTo("ON");
            assertThat(light.commandsReceived()).isEqualTo(1);
        }
    }

    /** The uplink's subscription is in place once a command to an unknown device is answered. */
    private static void awaitUplinkSubscribed(String ns, CloudClient operator) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            operator.request(ns + "/cmd/device/hallway_nobody", "{\"set\":{\"state\":\"ON\"}}", REPLIES,
                    "probe-" + System.nanoTime(), 5);
            return operator.on(REPLIES).stream().anyMatch(r -> r.correlation().startsWith("probe-"));
        });
    }
}
