package dev.hearth.gateway.notify;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real gateway: an automation's notify action reaches a webhook over HTTP, and its delivery is in the automation's traces. */
class NotifyEndToEndTest {
    private static final String AUTOMATIONS = """
            automations:
              - id: someone_in_hallway
                triggers:
                  - { trigger: state, device: hallway_motion, attribute: occupancy, to: true, id: motion }
                actions:
                  - notify: { service: hook, title: "Hallway", message: "Motion (${trigger.id}) at ${trigger.device}" }
                  - command: { device: hallway_light, set: { state: "ON" } }
            """;

    @Test
    void aWebhookServiceReceivesThePostWhenTheAutomationFires(@TempDir Path dir) {
        Vertx vertx = Vertx.vertx();
        try (MosquittoBroker broker = MosquittoBroker.start(); TestHttpServer hook = new TestHttpServer(vertx).start()) {
            String gatewayYaml = TestHome.externalBroker(broker.url(), "30s") + """
                    notify:
                      hook: { type: webhook, url: "%s" }
                    """.formatted(hook.url("/api/webhook/abc"));
            try (TestHome home = TestHome.start(dir, gatewayYaml, TestHome.DEVICES, AUTOMATIONS, broker.url()).awaitConnected()) {
                MotionSensor motion = home.motionSensor();
                Light light = home.light();
                home.awaitKnown("hallway_motion", "occupancy");
                // when
                motion.detect();
                // then
                await().atMost(Duration.ofSeconds(10)).until(() -> hook.received.size() == 1);
                assertThat(new JsonObject(hook.received.get(0).body()).getMap())
                        .containsEntry("title", "Hallway").containsEntry("message", "Motion (motion) at hallway_motion");
                await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
                await().atMost(Duration.ofSeconds(10)).until(() -> runs(home).size() == 2);
                assertThat(runs(home)).extracting(AutomationRun::trigger)
                        .containsExactly("delivery: notify hook", "state hallway_motion.occupancy to true [id motion]");
                assertThat(runs(home).get(1).steps()).extracting(AutomationRun.Step::outcome).containsExactly("queued for delivery", "ok");
            }
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void aNotificationThatCannotBeDeliveredNeverHoldsUpTheRunsOtherActions(@TempDir Path dir) {
        Vertx vertx = Vertx.vertx();
        try (MosquittoBroker broker = MosquittoBroker.start(); TestHttpServer hook = new TestHttpServer(vertx).start()) {
            hook.stop();
            String gatewayYaml = TestHome.externalBroker(broker.url(), "30s") + """
                    notify:
                      hook: { type: webhook, url: "%s" }
                    """.formatted(hook.url("/api/webhook/abc"));
            try (TestHome home = TestHome.start(dir, gatewayYaml, TestHome.DEVICES, AUTOMATIONS, broker.url()).awaitConnected()) {
                MotionSensor motion = home.motionSensor();
                Light light = home.light();
                home.awaitKnown("hallway_motion", "occupancy");
                // when
                motion.detect();
                // then: the light goes on while the notification waits for its retry
                await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
                await().atMost(Duration.ofSeconds(10)).until(() -> runs(home).size() == 1);
                assertThat(runs(home).get(0).outcome()).isEqualTo(AutomationRun.Outcome.RAN);
                // and when the webhook is back, the retry (5 s later) delivers it
                hook.start();
                await().atMost(Duration.ofSeconds(15)).until(() -> hook.received.size() == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> runs(home).size() == 2);
                assertThat(runs(home).get(0).steps()).extracting(AutomationRun.Step::outcome)
                        .satisfiesExactly(o -> assertThat(o).startsWith("failed: "), o -> assertThat(o).isEqualTo("ok"));
            }
        } finally {
            vertx.close().await();
        }
    }

    private static List<AutomationRun> runs(TestHome home) {
        return home.gateway().vertx().eventBus().<AutomationQuery.Runs>request(Addresses.AUTOMATION_RUNS,
                new AutomationQuery.RecentRuns("someone_in_hallway", 10)).await().body().runs();
    }
}
