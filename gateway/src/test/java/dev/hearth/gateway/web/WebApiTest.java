package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The JSON API against a running gateway on the embedded broker, with simulated devices. */
class WebApiTest {
    @TempDir
    static Path dir;
    static TestHome home;
    static SignedInClient api;
    static Light light;
    static MotionSensor motion;

    @BeforeAll
    static void start() {
        int port = FreePort.loopback();
        home = TestHome.start(dir, TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port).awaitConnected();
        light = home.light();
        motion = home.motionSensor();
        home.awaitKnown("hallway_light", "state");
        home.awaitKnown("hallway_motion", "occupancy");
        api = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value());
    }

    @AfterAll
    static void stop() {
        api.close();
        home.close();
    }

    @Test
    void devicesAreListedWithStateAvailabilityAndLastSeen() {
        HttpResponse<Buffer> r = api.get("/api/devices");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject lightJson = device(r.bodyAsJsonObject().getJsonArray("devices"), "hallway_light");
        assertThat(lightJson.getString("kind")).isEqualTo("light");
        assertThat(lightJson.getString("room")).isEqualTo("hallway");
        assertThat(lightJson.getString("lastSeen")).isNotNull();
        assertThat(lightJson.getJsonObject("attributes").getJsonObject("state").getString("value")).isIn("ON", "OFF");
        assertThat(lightJson.getJsonObject("attributes").getJsonObject("brightness").getBoolean("writable")).isTrue();
        assertThat(lightJson.getJsonObject("attributes").getJsonObject("brightness").getDouble("max")).isEqualTo(254.0);
    }

    @Test
    void aCommandReachesTheSimulatedLight() {
        HttpResponse<Buffer> r = api.post("/api/devices/hallway_light/command",
                new JsonObject().put("set", new JsonObject().put("state", "ON").put("brightness", 120)));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()) && light.brightness() == 120);
    }

    @Test
    void invalidCommandsGet400WithTheReason() {
        assertError(api.post("/api/devices/hallway_light/command", new JsonObject().put("set", new JsonObject().put("brightness", 999))),
                400, "hallway_light.brightness must be a number from 0 to 254, got 999");
        assertError(api.post("/api/devices/hallway_light/command", new JsonObject().put("set", new JsonObject().put("colour", "red"))),
                400, "hallway_light has no attribute 'colour'");
        assertError(api.post("/api/devices/hallway_motion/command", new JsonObject().put("set", new JsonObject().put("occupancy", true))),
                400, "accepts no commands");
        assertError(api.post("/api/devices/hallway_light/command", new JsonObject().put("state", "ON")), 400, "{\"set\"");
        assertError(api.post("/api/devices/hallway_light/command", new JsonObject().put("set", new JsonObject().put("state", new JsonArray()))),
                400, "'state' must be a boolean, a number or a string");
        assertError(api.post("/api/devices/no_such_device/command", new JsonObject().put("set", new JsonObject().put("state", "ON"))),
                404, "no device 'no_such_device'");
        HttpResponse<Buffer> notJson = api.request(HttpMethod.POST, "/api/devices/hallway_light/command")
                .putHeader("X-CSRF-Token", api.csrf()).sendBuffer(Buffer.buffer("{state: ON")).await();
        assertError(notJson, 400, "not valid JSON");
    }

    @Test
    void historyComesFromTheDatabaseWithinATimeRange() {
        Instant before = Instant.now().minusSeconds(1);
        motion.detect();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonObject h = api.get("/api/devices/hallway_motion/history?attribute=occupancy&from=" + before).bodyAsJsonObject();
            assertThat(h.getJsonObject("history").getJsonArray("occupancy")).anySatisfy(p ->
                    assertThat(((JsonArray) p).getValue(1)).isEqualTo(true));
        });
        motion.clear();
        JsonObject future = api.get("/api/devices/hallway_motion/history?from=" + Instant.now().plusSeconds(60)
                + "&to=" + Instant.now().plusSeconds(120)).bodyAsJsonObject();
        assertThat(future.getJsonObject("history")).isEmpty();
        JsonObject device = api.get("/api/devices/hallway_motion").bodyAsJsonObject();
        assertThat(device.getJsonObject("history").getJsonArray("occupancy")).isNotEmpty();
        assertError(api.get("/api/devices/hallway_motion/history?from=yesterday"), 400, "ISO-8601");
        assertError(api.get("/api/devices/hallway_motion/history?attribute=colour"), 400, "no attribute 'colour'");
    }

    @Test
    void automationsCanBeDisabledEnabledTriggeredAndTheirRunsRead() {
        JsonArray list = api.get("/api/automations").bodyAsJsonObject().getJsonArray("automations");
        assertThat(list.stream().map(o -> ((JsonObject) o).getString("id"))).contains("hallway_on", "hallway_off");

        assertThat(api.post("/api/automations/hallway_off/disable").statusCode()).isEqualTo(200);
        assertThat(automation("hallway_off").getBoolean("enabled")).isFalse();
        assertThat(api.post("/api/automations/hallway_off/enable").statusCode()).isEqualTo(200);
        assertThat(automation("hallway_off").getBoolean("enabled")).isTrue();

        assertThat(api.post("/api/automations/hallway_off/trigger").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(api.get("/api/automations/hallway_off/runs?limit=5").bodyAsJsonObject().getJsonArray("runs")).isNotEmpty());
        JsonObject run = api.get("/api/automations/hallway_off/runs").bodyAsJsonObject().getJsonArray("runs").getJsonObject(0);
        assertThat(run.getString("automation")).isEqualTo("hallway_off");
        assertThat(run.getString("at")).isNotNull();

        assertError(api.post("/api/automations/nope/trigger"), 404, "no automation 'nope'");
        assertError(api.get("/api/automations/hallway_off/runs?limit=0"), 400, "'limit'");
    }

    /** The engine keeps the newest 5 runs in memory; asking for more saves the pending ones and reads the database. */
    @Test
    void runsBeyondThoseKeptInMemoryComeFromTheDatabaseWithNoneMissing() {
        int before = api.get("/api/automations/hallway_on/runs?limit=50").bodyAsJsonObject().getJsonArray("runs").size();
        for (int i = 0; i < 8; i++) {
            int expected = before + i + 1;
            assertThat(api.post("/api/automations/hallway_on/trigger").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    api.get("/api/automations/hallway_on/runs?limit=1").bodyAsJsonObject().getJsonArray("runs").size() == 1
                            && runCount("hallway_on") >= expected);
        }
        JsonArray runs = api.get("/api/automations/hallway_on/runs?limit=50").bodyAsJsonObject().getJsonArray("runs");
        assertThat(runs).hasSize(before + 8);
        List<Instant> times = runs.stream().map(r -> Instant.parse(((JsonObject) r).getString("at"))).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
    }

    private static long runCount(String id) {
        return automation(id).getLong("runs", 0L);
    }

    @Test
    void statusShowsTheBrokerLinkAndAnUnknownOutboxWhileNobodyAnswersForIt() {
        JsonObject s = api.get("/api/status").bodyAsJsonObject();
        assertThat(s.getJsonObject("connection").getBoolean("connected")).isTrue();
        assertThat(s.getValue("outbox")).satisfiesAnyOf(
                o -> assertThat(o).isEqualTo("unknown"),
                o -> assertThat(o).isInstanceOf(JsonObject.class));
    }

    @Test
    void theLiveStreamCarriesStateChanges() {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpClient http = home.gateway().vertx().createHttpClient();
        try {
            HttpClientResponse response = http.request(new RequestOptions().setMethod(HttpMethod.GET)
                            .setHost("127.0.0.1").setPort(home.gateway().httpPort()).setURI("/api/events")
                            .putHeader("Authorization", "Bearer " + home.gateway().accessToken().value()))
                    .compose(req -> req.send().onSuccess(r -> r.handler(b -> received.add(b.toString())))).await();
            assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", received).contains("retry:"));
            motion.detect();
            await().atMost(Duration.ofSeconds(10)).until(() -> String.join("", received)
                    .matches("(?s).*event: state\ndata: \\{[^\n]*\"device\":\"hallway_motion\"[^\n]*\"attribute\":\"occupancy\".*"));
            motion.clear();
        } finally {
            http.close();
        }
    }

    @Test
    void unknownApiPathsGetAJson404() {
        assertError(api.get("/api/nothing-here"), 404, "no such API");
    }

    private static JsonObject automation(String id) {
        return api.get("/api/automations").bodyAsJsonObject().getJsonArray("automations").stream()
                .map(JsonObject.class::cast).filter(a -> a.getString("id").equals(id)).findFirst().orElseThrow();
    }

    private static JsonObject device(JsonArray devices, String id) {
        return devices.stream().map(JsonObject.class::cast).filter(d -> d.getString("id").equals(id)).findFirst().orElseThrow();
    }

    static void assertError(HttpResponse<Buffer> r, int status, String message) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(r.bodyAsJsonObject().getString("error")).contains(message);
        assertThat(r.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
