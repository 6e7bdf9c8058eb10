package dev.hearth.gateway.web;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.support.CommandLineRun;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import dev.hearth.sim.broker.MosquittoBroker;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /api/outbox/dead-letters against Mosquitto refusing a topic (ACL: PUBACK "not authorized"): the refused commands
 * are listed, one is dropped, the other retried once the broker allows it, and it arrives; `hearth dead-letters`
 * lists and drops them through the running gateway.
 */
class DeadLetterApiTest {
    private static final String DEVICES = """
            devices:
              - id: forbidden_light
                kind: light
                state_topic: forbidden/light
            """;

    @TempDir
    Path dir;

    @Test
    void deadLettersAreListedDroppedAndRetriedOverTheApi() throws IOException {
        Path acl = dir.resolve("acl");
        allow(acl, "z/#", "hearth/#");
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("acl_file " + acl).start();
             TestHome home = TestHome.start(dir.resolve("home"), TestHome.externalBroker(broker.url(), "30s")
                     .replace("port: 0", "port: " + FreePort.loopback()), DEVICES,
                     "automations: []\n", broker.url()).awaitConnected();
             SignedInClient api = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value())) {
            EventBus bus = home.gateway().vertx().eventBus();
            command(bus, 7);
            command(bus, 8);
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters(api.get("/api/outbox/dead-letters")).size() == 2);
            JsonArray dead = deadLetters(api.get("/api/outbox/dead-letters"));
            JsonObject first = dead.getJsonObject(0);
            assertThat(first.getString("topic")).isEqualTo("forbidden/light/set");
            assertThat(first.getString("kind")).isEqualTo("command");
            assertThat(first.getInteger("attempts")).isEqualTo(3);
            assertThat(first.getString("reason")).contains("135");
            long dropped = first.getLong("id");
            long retried = dead.getJsonObject(1).getLong("id");

            CommandLineRun listed = CommandLineRun.hearth("dead-letters", "-c", home.dir().toString());
            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(listed.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("command", "forbidden/light/set", "3 attempts"));
            assertThat(listed.out()).startsWith(dropped + " ");

            assertThat(api.request(io.vertx.core.http.HttpMethod.POST, "/api/outbox/dead-letters/" + dropped + "/drop").send().await()
                    .statusCode()).as("without the CSRF token").isEqualTo(403);
            CommandLineRun drop = CommandLineRun.hearth("dead-letters", "drop", Long.toString(dropped), "-c", home.dir().toString());
            assertThat(drop.code()).as(drop.err()).isZero();
            assertThat(drop.out().lines()).first().isEqualTo("Dead letter " + dropped + " dropped.");
            assertThat(drop.out().lines().skip(1)).singleElement().satisfies(line -> assertThat(line).startsWith(retried + " "));
            assertThat(deadLetters(api.get("/api/outbox/dead-letters")))
                    .singleElement().satisfies(d -> assertThat(((JsonObject) d).getLong("id")).isEqualTo(retried));
            HttpResponse<Buffer> again = api.post("/api/outbox/dead-letters/" + dropped + "/drop");
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo("no dead letter " + dropped);
            CommandLineRun dropAgain = CommandLineRun.hearth("dead-letters", "drop", Long.toString(dropped), "-c", home.dir().toString());
            assertThat(dropAgain.code()).isEqualTo(1);
            assertThat(dropAgain.err()).contains("The gateway refused: no dead letter " + dropped);

            Set<String> received = ConcurrentHashMap.newKeySet();
            allow(acl, "#");
            broker.restart();
            home.awaitConnected();
            home.connectedClient("observer").subscribe("forbidden/#", (t, p) -> received.add(new String(p, StandardCharsets.UTF_8)));
            assertThat(deadLetters(api.post("/api/outbox/dead-letters/" + retried + "/retry"))).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("{\"brightness\":8}"));
            assertThat(received).doesNotContain("{\"brightness\":7}");
            assertThat(api.get("/api/status").bodyAsJsonObject().getJsonObject("outbox").getLong("deadLetters")).isZero();
        }
    }

    private static JsonArray deadLetters(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonArray("deadLetters");
    }

    private static void command(EventBus bus, int brightness) {
        bus.request(Addresses.DEVICE_COMMAND, new CommandRequested(new DeviceId("forbidden_light"),
                Map.of("brightness", Value.of(brightness)), "test"));
    }

    /** Mosquitto started as root drops to its own user: the file and its directory must be readable to it. */
    private static void allow(Path acl, String... patterns) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String p : patterns) s.append("topic readwrite ").append(p).append('\n');
        Files.writeString(acl, s.toString());
        Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(acl.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
