package dev.hearth.gateway.web;

import dev.hearth.gateway.support.CommandLineRun;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.buffer.Buffer;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /api/logbook against a running gateway: what the simulated devices and automations did, filtered and paged. */
class LogbookApiTest {
    private static final int PRESSES = 7;

    @TempDir
    static Path dir;
    static TestHome home;
    static SignedInClient api;
    static Instant started;

    @BeforeAll
    static void start() {
        int port = FreePort.loopback();
        home = TestHome.start(dir, TestHome.embeddedBroker(port).replace("  port: 0", "  port: " + FreePort.loopback())
                        + "history:\n  commit_interval: 100ms\n",
                "tcp://127.0.0.1:" + port).awaitConnected();
        api = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value());
        started = Instant.now();
        MotionSensor motion = home.motionSensor();
        home.light();
        for (int i = 1; i <= PRESSES; i++) {
            int changes = 2 * i;
            motion.detect();
            await().atMost(Duration.ofSeconds(10)).until(() -> occupancyChanges() == changes - 1);
            motion.clear();
            await().atMost(Duration.ofSeconds(10)).until(() -> occupancyChanges() == changes);
        }
    }

    /** Occupancy changes (not the first report) since the test's start, once written (every 100 ms here). */
    private static int occupancyChanges() {
        JsonArray entries = page("/api/logbook?device=hallway_motion&limit=500&from=" + started).getJsonArray("entries");
        return (int) entries.stream().map(JsonObject.class::cast).filter(LogbookApiTest::isOccupancyChange).count();
    }

    private static boolean isOccupancyChange(JsonObject entry) {
        return entry.getString("text").matches("hallway_motion: occupancy (true → false|false → true)");
    }

    @AfterAll
    static void stop() {
        api.close();
        home.close();
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithoutGapsOrRepeats() {
        List<JsonObject> all = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = page("/api/logbook?device=hallway_motion&limit=3&from=" + started + (next == null ? "" : "&before=" + next));
            page.getJsonArray("entries").forEach(e -> all.add((JsonObject) e));
            next = page.getString("next");
            pages++;
        } while (next != null);

        List<Long> ids = all.stream().map(e -> Long.parseLong(e.getString("id"))).toList();
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all).allSatisfy(e -> {
            assertThat(e.getString("device")).isEqualTo("hallway_motion");
            assertThat(e.getString("room")).isEqualTo("hallway");
        });
        assertThat(all.stream().filter(LogbookApiTest::isOccupancyChange)).hasSize(2 * PRESSES);
        assertThat(pages).isEqualTo((all.size() + 2) / 3);
        JsonObject whole = page("/api/logbook?device=hallway_motion&limit=500&from=" + started);
        assertThat(whole.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("id")).toList())
                .isEqualTo(all.stream().map(e -> e.getString("id")).toList());
        assertThat(whole.containsKey("next")).isFalse();
    }

    @Test
    void aStateChangeReadsAsWordsWithItsRoom() {
        JsonObject newest = page("/api/logbook?device=hallway_motion&kind=state&limit=1").getJsonArray("entries").getJsonObject(0);
        assertThat(newest.getString("kind")).isEqualTo("state");
        assertThat(newest.getString("text")).isEqualTo("hallway_motion: occupancy true → false");
        assertThat(Instant.parse(newest.getString("at"))).isAfter(started.minusSeconds(1));
    }

    @Test
    void automationRunsAreLoggedWithTheirOutcome() {
        JsonArray runs = page("/api/logbook?kind=automation&limit=500&from=" + started).getJsonArray("entries");
        assertThat(runs.stream().map(JsonObject.class::cast).filter(e -> "hallway_on".equals(e.getString("automation"))))
                .hasSize(PRESSES)
                .allSatisfy(e -> assertThat(e.getString("text")).startsWith("hallway_on ran (state hallway_motion.occupancy"));
    }

    /** Issue 17, item 1: a command is logged with its confirmation (the light's state topic echoed it). */
    @Test
    void confirmedCommandsAreLoggedWithHowLongTheDeviceTook() {
        JsonArray commands = page("/api/logbook?kind=command&device=hallway_light&limit=500&from=" + started).getJsonArray("entries");
        assertThat(commands.stream().map(JsonObject.class::cast).map(e -> e.getString("text")))
                .hasSizeGreaterThanOrEqualTo(PRESSES)
                .allMatch(text -> text.matches("hallway_light: command state=(ON|OFF) from hallway_(on|off) confirmed after \\d+ ms"), "confirmed texts");
    }

    @Test
    void hearthTracesReadsTheRunningGatewaysRuns() {
        CommandLineRun traces = CommandLineRun.hearth("traces", "hallway_on", "-n", "3", "-c", home.dir().toString());
        assertThat(traces.code()).as(traces.err()).isZero();
        assertThat(traces.out().lines().filter(l -> !l.startsWith("    ")))
                .hasSize(3).allSatisfy(line -> assertThat(line).contains("RAN", "state hallway_motion.occupancy"));
        assertThat(traces.out()).contains("    > command");
    }

    @Test
    void roomAndKindFilterTogether() {
        JsonArray hallway = page("/api/logbook?room=hallway&kind=state,availability&limit=500&from=" + started).getJsonArray("entries");
        assertThat(hallway.stream().map(e -> ((JsonObject) e).getString("device")).distinct())
                .containsExactlyInAnyOrder("hallway_motion", "hallway_light");
        assertThat(page("/api/logbook?room=kitchen&from=" + started).getJsonArray("entries")).isEmpty();
        JsonArray earlier = page("/api/logbook?to=" + started.minusSeconds(3600)).getJsonArray("entries");
        assertThat(earlier).isEmpty();
    }

    @Test
    void badParametersGet400WithTheReason() {
        assertBad("/api/logbook?kind=weather", "'kind' must be one of state, event, availability, automation, command, got 'weather'");
        assertBad("/api/logbook?limit=0", "'limit' must be a whole number from 1 to 500");
        assertBad("/api/logbook?before=yesterday", "'before' must be the 'next' of a previous page");
        assertBad("/api/logbook?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "'from' must be before 'to'");
    }

    @Test
    void theLogbookNeedsSignIn() {
        assertThat(api.anonymous().get(home.gateway().httpPort(), "127.0.0.1", "/api/logbook").send().await().statusCode()).isEqualTo(401);
    }

    private static void assertBad(String path, String message) {
        HttpResponse<Buffer> r = api.get(path);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo(message);
    }

    private static JsonObject page(String path) {
        HttpResponse<Buffer> r = api.get(path);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }
}
