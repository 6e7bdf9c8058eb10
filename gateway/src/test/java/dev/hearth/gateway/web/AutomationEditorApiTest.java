package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The automation editor's API: the loader's problems with their positions, a refused file left as it was, a saved
 * one reloaded with the previous version kept, names that would leave the directory refused, CSRF on every write,
 * and {@code http.editor: false}.
 */
class AutomationEditorApiTest {
    static final String OTHER_FILE = """
            automations:
              - id: kitchen_on
                triggers:
                  - trigger: state
                    device: hallway_motion
                    attribute: occupancy
                    to: true
                actions:
                  - command: { device: kitchen_plug, set: { state: "ON" } }
            """;

    @TempDir
    static Path dir;
    static TestHome home;
    static SignedInClient client;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePort.loopback();
        home = TestHome.start(dir.resolve("home"), TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port).awaitConnected();
        Files.writeString(home.dir().resolve("automations/kitchen.yaml"), OTHER_FILE);
        client = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value());
        // Loaded by the hot reload before any test saves it: a save's answer is then the reload of the saved text.
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/api/automations").bodyAsString().contains("\"kitchen_on\""));
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (home != null) home.close();
    }

    @Test
    void aCheckListsTheLoadersProblemsWithTheirLineAndColumn() {
        String text = TestHome.HALLWAY_AUTOMATIONS.replace("device: hallway_motion\n        attribute: occupancy\n        to: false",
                "device: hallway_motion\n        attribute: occupancy\n        to: sideways");
        HttpResponse<Buffer> r = client.post("/api/automation-files/test.yaml/check", new JsonObject().put("text", text));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject problem = r.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getInteger("line")).isEqualTo(15);
        assertThat(problem.getString("text")).startsWith("test.yaml:15:").contains("sideways");

        JsonObject clean = client.post("/api/automation-files/test.yaml/check", new JsonObject().put("text", TestHome.HALLWAY_AUTOMATIONS)).bodyAsJsonObject();
        assertThat(clean.getJsonArray("problems")).isEmpty();
    }

    @Test
    void aFileUsingABlueprintOfTheDirectoryChecksCleanAndAWrongInputIsShownAtTheUseSite() throws Exception {
        Files.createDirectories(home.dir().resolve("automations/blueprints"));
        Files.writeString(home.dir().resolve("automations/blueprints/plug_on_motion.yaml"), """
                blueprint:
                  inputs:
                    plug: { type: device, kind: switch }
                automations:
                  - id: "on"
                    triggers: [ { trigger: state, device: hallway_motion, attribute: occupancy, to: true } ]
                    actions: [ { command: { device: !input plug, set: { state: "ON" } } } ]
                """);
        String use = "automations:\n  - id: pantry\n    use: plug_on_motion\n    inputs: { plug: kitchen_plug }\n";
        JsonObject clean = client.post("/api/automation-files/pantry.yaml/check", new JsonObject().put("text", use)).bodyAsJsonObject();
        assertThat(clean.getJsonArray("problems")).isEmpty();

        JsonObject wrong = client.post("/api/automation-files/pantry.yaml/check",
                new JsonObject().put("text", use.replace("kitchen_plug", "hallway_motion"))).bodyAsJsonObject();
        assertThat(wrong.getJsonArray("problems").getJsonObject(0).getString("text"))
                .startsWith("pantry.yaml:4:21: hallway_motion is a motion_sensor, not a switch (input 'plug' of blueprint plug_on_motion, declared at ")
                .endsWith("plug_on_motion.yaml:3:5)");
    }

    @Test
    void anIdAnotherFileUsesIsAProblem() throws Exception {
        Path porch = home.dir().resolve("automations/porch.yaml");
        Files.writeString(porch, OTHER_FILE.replace("kitchen_on", "porch_on"));
        // The hot reload runs it within seconds; from then on the id is taken.
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/api/automations").bodyAsString().contains("\"porch_on\""));
        HttpResponse<Buffer> r = client.post("/api/automation-files/more.yaml/check", new JsonObject().put("text", OTHER_FILE.replace("kitchen_on", "porch_on")));
        assertThat(r.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0).getString("text"))
                .isEqualTo("more.yaml:2:1: automation id 'porch_on' is already defined in " + porch + ":2");
    }

    @Test
    void aBrokenFileIsNotSavedAndAGoodOneIsSavedWithABackupAndReloaded() throws Exception {
        Path file = home.dir().resolve("automations/kitchen.yaml");
        HttpResponse<Buffer> refused = client.post("/api/automation-files/kitchen.yaml", new JsonObject().put("text", "automations:\n  - id: Kitchen\n"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.bodyAsJsonObject().getJsonArray("problems")).isNotEmpty();
        assertThat(Files.readString(file)).isEqualTo(OTHER_FILE);

        String edited = OTHER_FILE.replace("id: kitchen_on", "id: kitchen_plug_on");
        HttpResponse<Buffer> saved = client.post("/api/automation-files/kitchen.yaml", new JsonObject().put("text", edited));
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
        JsonObject reload = saved.bodyAsJsonObject().getJsonObject("reload");
        assertThat(reload.getBoolean("applied")).isTrue();
        assertThat(reload.getJsonArray("automations").getList()).containsExactly("kitchen_plug_on");
        assertThat(Files.readString(file)).isEqualTo(edited);
        assertThat(Files.readString(home.dir().resolve("automations/kitchen.yaml.bak"))).isEqualTo(OTHER_FILE);
        assertThat(client.get("/api/automation-files").bodyAsJsonObject().getJsonArray("files").getList())
                .as("the backup is no automation file").doesNotContain("kitchen.yaml.bak").contains("kitchen.yaml", "test.yaml");
    }

    @Test
    void onlyFilesDirectlyInTheAutomationsDirectoryAreServed() {
        assertThat(client.get("/api/automation-files/..%2Fgateway.yaml").statusCode()).isIn(400, 404);
        assertThat(client.get("/api/automation-files/gateway.yaml.bak").statusCode()).isEqualTo(400);
        assertThat(client.post("/api/automation-files/.hidden.yaml", new JsonObject().put("text", "")).statusCode()).isEqualTo(400);
        assertThat(client.get("/api/automation-files/test.yaml").bodyAsJsonObject().getString("text")).isEqualTo(TestHome.HALLWAY_AUTOMATIONS);
    }

    @Test
    void writesNeedTheCsrfToken() {
        HttpResponse<Buffer> r = client.request(io.vertx.core.http.HttpMethod.POST, "/api/automation-files/test.yaml")
                .sendJsonObject(new JsonObject().put("text", "automations: []\n")).await();
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void theEditorCanBeTurnedOff() throws Exception {
        int port = FreePort.loopback();
        String yaml = TestHome.embeddedBroker(port).replace("http:\n  port: 0\n", "http:\n  port: 0\n  editor: false\n");
        assertThat(yaml).contains("editor: false");
        try (TestHome off = TestHome.start(dir.resolve("off"), yaml, "tcp://127.0.0.1:" + port);
             SignedInClient signedIn = new SignedInClient(off.gateway()).signIn(off.gateway().accessToken().value())) {
            HttpResponse<Buffer> list = signedIn.get("/api/automation-files");
            assertThat(list.statusCode()).isEqualTo(403);
            assertThat(list.bodyAsJsonObject().getString("error")).contains("http.editor: false");
            assertThat(signedIn.post("/api/automation-files/test.yaml", new JsonObject().put("text", "automations: []\n")).statusCode()).isEqualTo(403);
            assertThat(Files.readString(off.dir().resolve("automations/test.yaml"))).isEqualTo(TestHome.HALLWAY_AUTOMATIONS);
        }
    }
}
