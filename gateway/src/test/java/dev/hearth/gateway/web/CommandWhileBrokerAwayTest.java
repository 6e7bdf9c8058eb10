package dev.hearth.gateway.web;

import ch.qos.logback.classic.Level;
import dev.hearth.gateway.commands.Commands;
import dev.hearth.gateway.outbox.Outbox;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/devices/{id}/command} while the broker is away (issue 14, item 7): a queued command is
 * answered 202 at once, a full outbox 503 with Retry-After (the gateway's condition, not the request's),
 * and the refusals are logged in one summary line, not one ERROR and one WARN per command.
 */
class CommandWhileBrokerAwayTest {
    private static final int MAX_ROWS = 10;

    @TempDir
    Path dir;

    @Test
    void aQueuedCommandIsAnsweredAtOnceAndAFullOutboxGets503WithRetryAfterAndOneLogLine() {
        String nobody = "tcp://127.0.0.1:" + FreePort.loopback();
        String yaml = TestHome.externalBroker(nobody, "30s") + "outbox:\n  max_rows: " + MAX_ROWS + "\n";
        try (LogLines outboxLog = LogLines.of(Outbox.class); LogLines commandsLog = LogLines.of(Commands.class);
             TestHome home = TestHome.start(dir, yaml, nobody);
             SignedInClient api = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value())) {
            long start = System.nanoTime();
            HttpResponse<Buffer> first = command(api, 1);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
            assertThat(took).as("answered once queued, not after a wait for the broker").isLessThan(Duration.ofSeconds(1));

            for (int n = 2; n <= MAX_ROWS; n++) assertThat(command(api, n).statusCode()).isEqualTo(202);
            HttpResponse<Buffer> full = null;
            for (int n = 0; n < 50; n++) full = command(api, 100 + n);

            assertThat(full.statusCode()).as(full.bodyAsString()).isEqualTo(503);
            assertThat(full.getHeader("Retry-After")).isEqualTo("30");
            assertThat(full.bodyAsJsonObject().getString("error")).startsWith("outbox full");
            assertThat(outboxLog.atLeast(Level.WARN)).as("50 refusals: the first told at once, the rest in the next summary")
                    .hasSize(1).first().asString().startsWith("ERROR Outbox broker: refused 1 commands");
            assertThat(commandsLog.atLeast(Level.WARN)).as("no line per refused command").isEmpty();
        }
    }

    private static HttpResponse<Buffer> command(SignedInClient api, int brightness) {
        return api.post("/api/devices/hallway_light/command",
                new JsonObject().put("set", new JsonObject().put("brightness", brightness % 250)));
    }
}
