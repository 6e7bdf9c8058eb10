package dev.hearth.gateway;

import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.outbox.Outbox;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.support.FillableDisk;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The SD card fills up under a running gateway and frees again (a real file system that fills: {@link FillableDisk}).
 * The home keeps working, {@code /health} says why it is not ready, the log says it once and then at a bounded rate;
 * once there is room the gateway writes again by itself, without a restart, and nothing written before is lost.
 */
class DiskFullTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long DISK = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void aGatewayWhoseDiskFillsUpKeepsTheHomeWorkingAndWritesAgainOnceThereIsRoom() throws Exception {
        String yaml = "history:\n  commit_interval: 200ms\n";
        try (FillableDisk disk = FillableDisk.at(dir.resolve("data"), DISK);
             MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s") + yaml, broker.url()).awaitConnected();
             LogLines outboxLog = LogLines.of(Outbox.class);
             LogLines databaseLog = LogLines.of(Database.class)) {
            // Given a gateway that has written its logbook, history and journal
            Light light = home.light();
            MotionSensor motion = home.motionSensor();
            home.awaitKnown("hallway_motion", "occupancy");
            switchLight(motion, light, true);
            await().atMost(Duration.ofSeconds(10)).until(() -> count(home, "SELECT COUNT(*) FROM logbook_chunk") > 0
                    && count(home, "SELECT COUNT(*) FROM history_chunk") > 0 && count(home, "SELECT COUNT(*) FROM device_state_log") > 0);
            long logbookBefore = count(home, "SELECT COALESCE(MAX(last_id), 0) FROM logbook_chunk");

            // When the disk fills up while the home is busy
            disk.fill();
            boolean[] on = {false};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                switchLight(motion, light, on[0]);
                on[0] = !on[0];
                return health(home).statusCode() != 200;
            });

            // Then the home still acts, /health says why it is not ready, and the log said it once, not per write
            HttpResponse<String> notReady = health(home);
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"ready\":false", disk.dir().toString(), disk.fault());
            for (int i = 0; i < 20; i++) {
                switchLight(motion, light, on[0]);
                on[0] = !on[0];
            }
            assertThat(databaseLog.lines()).filteredOn(l -> l.startsWith("ERROR")).hasSize(1)
                    .allSatisfy(l -> assertThat(l).contains(disk.fault(), "free space in " + disk.dir()));
            assertThat(outboxLog.lines()).filteredOn(l -> l.contains("could not write")).hasSizeLessThanOrEqualTo(2);

            // When there is room again, then it is ready within seconds, without a restart, and says so once
            disk.free();
            await().atMost(Duration.ofSeconds(20)).until(() -> health(home).statusCode() == 200);
            assertThat(databaseLog.lines()).filteredOn(l -> l.contains("is written again")).hasSize(1);

            // and new logbook, history and journal writes land, next to everything written before
            Instant recovered = Instant.now();
            long history = count(home, "SELECT COUNT(*) FROM history_chunk");
            switchLight(motion, light, on[0]);
            AutomationStore journal = new AutomationStore(home.gateway().database());
            await().atMost(Duration.ofSeconds(10)).until(() -> count(home, "SELECT COALESCE(MAX(last_id), 0) FROM logbook_chunk") > logbookBefore + 40
                    && count(home, "SELECT COUNT(*) FROM history_chunk") > history
                    && journal.states().stream().anyMatch(s -> s.device().equals("hallway_light") && s.attribute().equals("state")
                    && !s.lastChanged().isBefore(recovered)));
            assertThat(count(home, "SELECT COUNT(*) FROM logbook_chunk WHERE first_id <= " + logbookBefore)).isPositive();
            assertThat(count(home, "SELECT COALESCE(MIN(first_id), 0) FROM logbook_chunk")).isEqualTo(1);
        }
    }

    /** The integrator's black-box run: a journal write hung on H2's closed store, and the stop timed out into kill -9. */
    @Test
    void aGatewayOnAFullDiskStopsCleanlyAndPromptly() throws Exception {
        try (FillableDisk disk = FillableDisk.at(dir.resolve("data"), DISK);
             MosquittoBroker broker = MosquittoBroker.start();
             LogLines runtimeLog = LogLines.of(GatewayRuntime.class)) {
            TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s") + "history:\n  commit_interval: 200ms\n",
                    broker.url()).awaitConnected();
            try {
                Light light = home.light();
                MotionSensor motion = home.motionSensor();
                home.awaitKnown("hallway_motion", "occupancy");
                disk.fill();
                boolean[] on = {true};
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    switchLight(motion, light, on[0]);
                    on[0] = !on[0];
                    return health(home).statusCode() != 200;
                });
                switchLight(motion, light, on[0]);
            } finally {
                assertTimeoutPreemptively(Duration.ofSeconds(20), home::close);
            }
            assertThat(runtimeLog.lines()).noneMatch(l -> l.contains("did not stop cleanly"));
        }
    }

    private static void switchLight(MotionSensor motion, Light light, boolean on) {
        if (on) motion.detect();
        else motion.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> (on ? "ON" : "OFF").equals(light.state()));
    }

    private static long count(TestHome home, String sql) {
        return home.gateway().database().session("disk-full-test").transaction(c -> {
            try (ResultSet r = c.createStatement().executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static HttpResponse<String> health(TestHome home) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + home.gateway().httpPort() + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
