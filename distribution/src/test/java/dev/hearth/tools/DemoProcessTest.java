package dev.hearth.tools;

import dev.hearth.gateway.support.RepositoryHome;

import dev.hearth.gateway.Main;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's demo, as a separate JVM on the repository's own config/ and automations/ (moved to a free
 * port), playing the built-in evening scenario: the timeline shows in the log, motion visibly switches the
 * light on and off, and SIGTERM (as Ctrl-C) stops everything cleanly.
 */
class DemoProcessTest {

    @Test
    void demoPlaysTheEveningSwitchesTheLightAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path config = RepositoryHome.copy(dir, FreePort.loopback());
        Path log = dir.resolve("demo.log");
        Process demo = demo(log, "-c", config.toString());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains("hallway_light.state: OFF -> ON"));
            assertThat(read(log)).containsPattern("Dashboard: http://127\\.0\\.0\\.1:\\d+/  \\(sign in with the access token [A-Za-z0-9_-]{32}\\)");
            await().atMost(Duration.ofSeconds(20)).until(() -> read(log).contains("hallway_light.state: ON -> OFF"));
            assertThat(read(log)).contains("Demo running: scenario 'evening', 17:55 to 23:00 at 120x",
                    "evening 17:56 hallway_motion detect (someone comes home)");
            demo.destroy();
            assertThat(demo.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s of SIGTERM").isTrue();
            assertThat(read(log)).contains("Embedded MQTT broker stopped", "Hearth gateway stopped").doesNotContain("Exception");
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void withoutDevicesYamlTheDemoHomeComesUpFromTheSimulatorsAnnouncementsAndItsAutomationsRun(@TempDir Path dir) throws Exception {
        Path config = RepositoryHome.copy(dir, FreePort.loopback());
        Files.delete(config.resolve("devices.yaml"));
        Path log = dir.resolve("demo.log");
        Process demo = demo(log, "-c", config.toString());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains("hallway_light.state: OFF -> ON"));
            await().atMost(Duration.ofSeconds(20)).until(() -> read(log).contains("hallway_light.state: ON -> OFF"));
            demo.destroy();
            assertThat(demo.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s of SIGTERM").isTrue();
            assertThat(read(log)).doesNotContain("Exception", "ERROR");
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void demoRunsItsBrokerAndDashboardOnThePortsAskedForWhateverTheConfigurationSays(@TempDir Path dir) throws Exception {
        Path config = RepositoryHome.copy(dir, FreePort.loopback());
        int brokerPort = FreePort.loopback();
        int httpPort = FreePort.loopback();
        Path log = dir.resolve("demo.log");
        Process demo = demo(log, "-c", config.toString(), "--broker-port", String.valueOf(brokerPort),
                "--http-port", String.valueOf(httpPort));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains("Dashboard: "));
            assertThat(read(log)).contains("Embedded MQTT broker listening on 127.0.0.1:" + brokerPort,
                    "Dashboard: http://127.0.0.1:" + httpPort + "/");
            demo.destroy();
            assertThat(demo.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s of SIGTERM").isTrue();
        } finally {
            demo.destroyForcibly();
        }
    }

    /** {@code hearth demo} in a JVM of its own, its output in {@code log}. */
    private static Process demo(Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "demo"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
