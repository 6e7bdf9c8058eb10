package dev.hearth.distribution;

import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher leaves {@code lib/hearth-broker.jar} off the class path: the JDK keeps the index of every class-path jar
 * it opens on the heap (1.5 MiB for the broker's), so the gateway opens it, from beside {@code lib/hearth.jar}, only for
 * {@code mqtt.embedded: true}. Checked on the running gateway's open files ({@code /proc/<pid>/fd}).
 */
class BrokerJarOnDemandTest {
    private static final Path HOME = Path.of("target/hearth").toAbsolutePath();
    private Process gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway == null) return;
        gateway.destroy();
        if (!gateway.waitFor(30, TimeUnit.SECONDS)) gateway.destroyForcibly().waitFor();
    }

    @Test
    void theLauncherStartsTheEmbeddedBrokerFromItsJarBesideTheGateways(@TempDir Path dir) throws Exception {
        int port = FreePort.loopback();
        Path config = config(dir, "  port: 1883", "  port: " + port);

        gateway = launch(dir, config);

        await().atMost(Duration.ofSeconds(60)).until(() -> FreePort.accepts(port));
        assertThat(openJars(gateway)).contains(HOME.resolve("lib/hearth-broker.jar").toString());
    }

    @Test
    void aHomeWithItsOwnBrokerNeverOpensTheEmbeddedBrokersJar(@TempDir Path dir) throws Exception {
        Path config = config(dir, "  embedded: true", "  embedded: false\n  url: tcp://127.0.0.1:" + FreePort.loopback());

        gateway = launch(dir, config);

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(dir.resolve("gateway.log")).contains("started:"));
        assertThat(openJars(gateway)).contains(HOME.resolve("lib/hearth.jar").toString())
                .doesNotContain(HOME.resolve("lib/hearth-broker.jar").toString());
    }

    /** The example configuration with one line replaced, an ephemeral web port and no automations. */
    private static Path config(Path dir, String line, String replacement) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        String example = Files.readString(Path.of("../config/gateway.yaml"));
        assertThat(example).contains(line);
        Files.writeString(config.resolve("gateway.yaml"), example.replace("port: 8080", "port: 0").replace(line, replacement));
        Files.copy(Path.of("../config/devices.yaml"), config.resolve("devices.yaml"));
        Files.createDirectories(dir.resolve("automations"));
        return config;
    }

    private static Process launch(Path dir, Path config) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/hearth").toString(), "run", "-c", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile());
        // The build's class archive stays as it is (a start with another class path would record its own).
        builder.environment().put("HEARTH_CDS", "off");
        return builder.start();
    }

    /** The jars the process has open (the launcher execs the JVM: its pid is the gateway's). */
    private static List<String> openJars(Process process) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return fds.flatMap(fd -> {
                try {
                    return Stream.of(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return Stream.empty(); // closed meanwhile
                }
            }).filter(target -> target.endsWith(".jar")).toList();
        }
    }
}
