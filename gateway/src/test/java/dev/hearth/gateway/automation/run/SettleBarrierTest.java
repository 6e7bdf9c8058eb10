package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.home.HomeVerticle;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start-up barrier ends when the broker's retained states have all been applied (the link's settle
 * marker came back), not after a fixed second, and never before them.
 */
class SettleBarrierTest {
    private static final int LIGHTS = 300;

    @Test
    void triggersArmAsSoonAsEveryRetainedStateHasBeenApplied(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            publishRetainedStates(broker.url());
            try (TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), devices(),
                    TestHome.HALLWAY_AUTOMATIONS, broker.url())) {
                HomeVerticle homeVerticle = home.gateway().home();
                int knownWhenArmed = knownLightsOnceArmed(home.gateway().vertx(), home).get(20, TimeUnit.SECONDS);

                assertThat(knownWhenArmed).as("lights whose retained state was applied when triggers armed").isEqualTo(LIGHTS);
                assertThat(homeVerticle.armedBy()).as("what ended the barrier").contains(StartupBarrier.Arming.RETAINED_SETTLED);
                home.assertMotionSwitchesLight();
            }
        }
    }

    private static void publishRetainedStates(String url) {
        try (SimClient devices = new SimClient(url, "retained-lights")) {
            devices.start();
            assertThat(devices.awaitConnected(Duration.ofSeconds(10))).isTrue();
            for (int i = 0; i < LIGHTS; i++) devices.publish("zigbee2mqtt/light_" + i, "{\"state\":\"ON\"}", 1, true);
            assertThat(devices.awaitIdle(Duration.ofSeconds(10))).as("retained states stored").isTrue();
        }
    }

    private static String devices() {
        StringBuilder yaml = new StringBuilder(TestHome.DEVICES);
        IntStream.range(0, LIGHTS).forEach(i -> yaml.append("""
                  - id: light_%d
                    kind: light
                    state_topic: zigbee2mqtt/light_%d
                """.formatted(i, i)));
        return yaml.toString();
    }

    /** Checks on the home's own event loop, every millisecond, and counts the known lights at the first check that finds it armed. */
    private static CompletableFuture<Integer> knownLightsOnceArmed(Vertx vertx, TestHome home) {
        CompletableFuture<Integer> known = new CompletableFuture<>();
        HomeVerticle homeVerticle = home.gateway().home();
        homeVerticle.context().runOnContext(v -> vertx.setPeriodic(1, id -> {
            if (!homeVerticle.armed()) return;
            vertx.cancelTimer(id);
            known.complete((int) IntStream.range(0, LIGHTS).filter(i -> home.gateway().registry()
                    .state(new DeviceId("light_" + i)).flatMap(s -> s.value("state")).isPresent()).count());
        }));
        return known;
    }
}
