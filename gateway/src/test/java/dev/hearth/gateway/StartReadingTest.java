package dev.hearth.gateway;

import dev.hearth.gateway.yaml.ConfigException;
import dev.hearth.gateway.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's own start reads devices.yaml and the automations while the runtime (meters, Vert.x) is built and
 * the automation files are parsed beside it; what the user sees is the same as a plain read: the same automations,
 * every problem in file order, and nothing left running when the configuration is wrong.
 */
class StartReadingTest {
    private static final String GATEWAY = TestHome.externalBroker("tcp://127.0.0.1:1", "30s");

    @TempDir
    Path dir;

    @Test
    void aValidConfigurationHandsTheRuntimeBegunBesideItToTheStart() throws Exception {
        write(GATEWAY, TestHome.DEVICES, Map.of("hallway.yaml", TestHome.HALLWAY_AUTOMATIONS));
        StartReading reading = new StartReading();

        Main.Loaded loaded = reading.read(dir, Map.of());

        assertThat(loaded.automations()).extracting(a -> a.id()).containsExactly("hallway_on", "hallway_off");
        assertThat(loaded.config().devices()).hasSize(4);
        assertThat(reading.begun()).isPresent();
        GatewayRuntime runtime = GatewayRuntime.await(reading.runtime(loaded.config()));
        assertThat(reading.runtime(loaded.config())).isSameAs(reading.begun().get());
        runtime.close();
    }

    @Test
    void aWrongDevicesFileClosesTheRuntimeBegunBesideIt() throws IOException {
        write(GATEWAY, TestHome.DEVICES.replace("kind: light", "kind: lamp"), Map.of("hallway.yaml", TestHome.HALLWAY_AUTOMATIONS));
        StartReading reading = new StartReading();

        assertThatThrownBy(() -> reading.read(dir, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'kind' must be one of");

        GatewayRuntime runtime = GatewayRuntime.await(reading.begun().orElseThrow());
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.meters().registry().isClosed());
    }

    @Test
    void aWrongGatewayFileBeginsNothing() throws IOException {
        write(GATEWAY.replace("max_payload_bytes: 4096", "max_payload_bytes: lots"), TestHome.DEVICES,
                Map.of("hallway.yaml", TestHome.HALLWAY_AUTOMATIONS));
        StartReading reading = new StartReading();

        assertThatThrownBy(() -> reading.read(dir, Map.of())).isInstanceOf(ConfigException.class);

        assertThat(reading.begun()).isEmpty();
    }

    @Test
    void problemsOfGatewayYamlComeBeforeThoseOfDevicesYamlParsedBesideIt() throws IOException {
        write(GATEWAY.replace("max_payload_bytes: 4096", "max_payload_bytes: lots"), TestHome.DEVICES + "  - id: [unclosed\n",
                Map.of("hallway.yaml", TestHome.HALLWAY_AUTOMATIONS));
        StartReading reading = new StartReading();

        assertThatThrownBy(() -> reading.read(dir, Map.of())).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).extracting(p -> Path.of(p.file()).getFileName().toString())
                        .containsExactly("gateway.yaml", "devices.yaml"));
    }

    @Test
    void problemsOfSeveralAutomationFilesAreReportedInFileOrder() throws IOException {
        write(GATEWAY, TestHome.DEVICES, Map.of(
                "a.yaml", "automations:\n  - id: x\n    bogus: 1\n",
                "b.yaml", TestHome.HALLWAY_AUTOMATIONS.replace("attribute: occupancy", "attribute: occupied"),
                "c.yaml", "automations:\n  - id: [unclosed\n")); // a syntax error, found while parsing, still comes last
        StringWriter err = new StringWriter();

        int status = Main.execute(new String[]{"run", "-c", dir.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of());

        assertThat(status).isEqualTo(Main.CONFIG_ERROR);
        String out = err.toString();
        int a = out.indexOf("a.yaml:");
        int b = out.indexOf("b.yaml:");
        int c = out.indexOf("c.yaml:");
        assertThat(a).as(out).isNotNegative();
        assertThat(b).as(out).isGreaterThan(a);
        assertThat(c).as(out).isGreaterThan(b);
        assertThat(out).contains("'occupied'").contains("nothing was started");
    }

    private void write(String gateway, String devices, Map<String, String> automations) throws IOException {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), gateway);
        Files.writeString(dir.resolve("devices.yaml"), devices);
        for (Map.Entry<String, String> f : automations.entrySet()) Files.writeString(dir.resolve("automations").resolve(f.getKey()), f.getValue());
    }
}
