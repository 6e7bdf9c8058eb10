package dev.hearth.gateway.web;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Helpers against the real gateway: set through the devices' command route, confirmed at once (nothing echoes a
 * helper), a trigger on the helper runs, and the value is still there after a restart.
 */
class HelpersApiTest {
    private static final String HELPERS = """
            helpers:
              guest_mode: { type: boolean, name: Guest mode }
              visitors: { type: counter, min: 0, max: 10 }
              target: { type: number, min: 15, max: 25, step: 0.5, initial: 20, unit: "°C" }
            """;
    private static final String AUTOMATIONS = """
            automations:
              - id: guests_arrive
                triggers:
                  - { trigger: state, device: guest_mode, attribute: state, to: true }
                actions:
                  - command: { device: hallway_light, set: { state: "ON" } }
                  - set_helper: { helper: visitors, action: increment }
            """;

    @TempDir
    Path dir;

    @Test
    void aHelperSetFromTheApiTriggersAnAutomationAndSurvivesARestart() throws Exception {
        int port = FreePort.loopback();
        Files.writeString(dir.resolve("helpers.yaml"), HELPERS);
        try (TestHome home = TestHome.start(dir, TestHome.embeddedBroker(port), TestHome.DEVICES, AUTOMATIONS,
                "tcp://127.0.0.1:" + port).awaitConnected();
             SignedInClient api = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value())) {
            Light light = home.light();
            home.awaitKnown("hallway_light", "state");
            JsonObject listed = api.get("/api/devices/guest_mode").bodyAsJsonObject();
            assertThat(listed.getString("kind")).isEqualTo("helper");
            assertThat(listed.getString("availability")).isEqualTo("online");
            assertThat(listed.getJsonObject("attributes").getJsonObject("state").getBoolean("writable")).isTrue();
            assertThat(listed.getJsonObject("attributes").getJsonObject("state").getValue("value")).isEqualTo(false);

            HttpResponse<Buffer> r = api.post("/api/devices/guest_mode/command", new JsonObject().put("set", new JsonObject().put("state", true)));

            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getBoolean("delivered")).isTrue();
            assertThat(value(home, "guest_mode")).isEqualTo("true");
            await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
            await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(value(home, "visitors")));
            assertThat(api.post("/api/devices/target/command", new JsonObject().put("set", new JsonObject().put("state", 21.5))).statusCode())
                    .isEqualTo(200);
            HttpResponse<Buffer> offGrid = api.post("/api/devices/target/command", new JsonObject().put("set", new JsonObject().put("state", 21.3)));
            assertThat(offGrid.statusCode()).isEqualTo(400);
            assertThat(offGrid.bodyAsString()).contains("multiple of 0.5");
        }

        try (TestHome again = TestHome.start(dir, TestHome.embeddedBroker(port), TestHome.DEVICES, AUTOMATIONS,
                "tcp://127.0.0.1:" + port).awaitConnected()) {
            assertThat(value(again, "guest_mode")).isEqualTo("true");
            assertThat(value(again, "visitors")).isEqualTo("1");
            assertThat(value(again, "target")).isEqualTo("21.5");
        }
    }

    private static String value(TestHome home, String helper) {
        return home.gateway().registry().state(new DeviceId(helper)).flatMap(s -> s.value("state")).map(Object::toString).orElse(null);
    }
}
