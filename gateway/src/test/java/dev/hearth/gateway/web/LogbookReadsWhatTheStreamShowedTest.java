package dev.hearth.gateway.web;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.logbook.LogbookEntries;
import dev.hearth.gateway.logbook.LogbookEntry;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The logbook writes in batches (here once a minute, the longest history.commit_interval allowed): an entry the live
 * stream has shown is returned by GET /api/logbook at once all the same, so a page reloaded within the batch window
 * shows it. Failed before the fix: the API read committed rows only.
 */
class LogbookReadsWhatTheStreamShowedTest {
    @TempDir
    static Path dir;
    static TestHome home;
    static SignedInClient api;

    @BeforeAll
    static void start() {
        int port = FreePort.loopback();
        home = TestHome.start(dir, TestHome.embeddedBroker(port) + "history:\n  commit_interval: 1m\n", "tcp://127.0.0.1:" + port)
                .awaitConnected();
        api = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value());
    }

    @AfterAll
    static void stop() {
        api.close();
        home.close();
    }

    @Test
    void everyEntryTheLiveStreamShowedIsOnTheFirstPageAtOnce() {
        // given: the entries published for the live stream (what the dashboard appends), heard on the bus it uses
        List<LogbookEntry> streamed = new CopyOnWriteArrayList<>();
        MessageConsumer<LogbookEntries> consumer = home.gateway().vertx().eventBus()
                .consumer(Addresses.LOGBOOK_ENTRIES, m -> streamed.addAll(m.body().entries()));
        try {
            // when: the motion sensor reports (its change, the automation's run and the light's command follow)
            home.light();
            home.motionSensor().detect();
            await().atMost(Duration.ofSeconds(10)).until(() -> streamed.stream().anyMatch(e -> e.text().contains("occupancy")));
            List<String> seen = streamed.stream().map(e -> Long.toString(e.id())).toList();

            // then: a page read now, well within the minute before the batch is written, has every one of them
            HttpResponse<Buffer> r = api.get("/api/logbook?limit=500");
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            List<String> listed = r.bodyAsJsonObject().getJsonArray("entries").stream()
                    .map(e -> ((JsonObject) e).getString("id")).toList();
            assertThat(listed).containsAll(seen);
        } finally {
            consumer.unregister();
        }
    }
}
