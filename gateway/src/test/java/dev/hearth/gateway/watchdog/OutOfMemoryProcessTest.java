package dev.hearth.gateway.watchdog;

import dev.hearth.gateway.Main;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 12: a gateway out of memory must end, not run on as a zombie that reports healthy (in the issue: 7,000
 * automations on one trigger exhausted the heap, Paho's receiver thread died, and {@code /health} said ready for 4
 * minutes). A real gateway JVM with the options the launcher ships ({@code distribution/src/main/dist/bin/jvm.options}:
 * its heap, and {@code -XX:+ExitOnOutOfMemoryError}) and that real input (in files of 1,000: one file may hold at most 1 MiB).
 * With the shipped 64 MiB heap the gateway runs out while it loads them, before any event: it must end all the same.
 */
class OutOfMemoryProcessTest {
    private static final Path JVM_OPTIONS = Path.of("..", "distribution", "src", "main", "dist", "bin", "jvm.options");
    private static final int AUTOMATIONS = 7_000;

    @TempDir
    Path dir;

    @Test
    void aGatewayThatRunsOutOfMemoryExitsNonZeroSoThatSystemdRestartsIt() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            // Given 7,000 automations on one trigger and the heap the launcher ships (64 MiB)
            Path config = config(broker.url());

            // When the gateway starts with them: its heap runs out while it loads them
            Process gateway = new ProcessBuilder(command(config)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("gateway.log").toFile()).start();
            try {
                // Then the process ends by itself, with a status systemd's Restart=on-failure acts on
                assertThat(gateway.waitFor(180, TimeUnit.SECONDS)).as("exited by itself: %s", log()).isTrue();
                assertThat(gateway.exitValue()).as(log()).isEqualTo(3);
                assertThat(log()).contains("Terminating due to java.lang.OutOfMemoryError");
            } finally {
                gateway.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code java <the shipped jvm.options> -cp <test class path> Main run -c config}. */
    private List<String> command(Path config) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Files.readAllLines(JVM_OPTIONS).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(command::add);
        assertThat(command).as("the launcher's options").contains("-XX:+ExitOnOutOfMemoryError").anyMatch(o -> o.startsWith("-Xmx"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-c", config.toString()));
        return command;
    }

    private Path config(String brokerUrl) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(config.resolve("automations"));
        Files.writeString(config.resolve("gateway.yaml"), TestHome.externalBroker(brokerUrl, "30s"));
        Files.writeString(config.resolve("devices.yaml"), TestHome.DEVICES);
        // in files of 1,000: one file may hold at most 1 MiB
        for (int file = 0; file < AUTOMATIONS / 1_000; file++) {
            StringBuilder automations = new StringBuilder("automations:\n");
            for (int i = file * 1_000 + 1; i <= (file + 1) * 1_000; i++) {
                automations.append("""
                          - id: hallway_on_%d
                            triggers:
                              - trigger: state
                                device: hallway_motion
                                attribute: occupancy
                                to: true
                            actions:
                              - command: { device: hallway_light, set: { state: "ON", brightness: %d } }
                        """.formatted(i, i % 255));
            }
            Files.writeString(config.resolve("automations/many-" + file + ".yaml"), automations);
        }
        return config;
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("gateway.log"));
    }
}
