package dev.hearth.distribution;

import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every command in the README's fenced shell blocks is either run here as written or skipped for a stated reason
 * (it installs a package, needs the installed service, or is the build running this test). A command the table
 * below does not know fails the test: a new README command comes with its check.
 */
class ReadmeCommandsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String DEMO = "mvn -q -DskipTests package && distribution/target/hearth/bin/hearth demo";
    private static final Map<String, String> SKIPPED = Map.of(
            "sudo apt-get install mosquitto ./hearth_*_all.deb", "installs a package on this machine; DebianPackageTest installs it into a throw-away root",
            "hearth check -c /etc/hearth", "needs the package installed; DebianPackageTest runs it from the installed tree",
            "sudo systemctl restart hearth", "needs the package installed and systemd running",
            "journalctl -u hearth -f", "needs the package installed and systemd running",
            "sudo -u hearth hearth token --data-dir /var/lib/hearth", "needs the package installed (the user hearth and its data)",
            "./test", "is the build that runs this test");

    @Test
    void everyReadmeCommandRunsOrIsSkippedForAStatedReason() throws Exception {
        List<String> commands = commands(Files.readString(ROOT.resolve("README.md")));

        assertThat(commands).contains(DEMO);
        for (String command : commands) {
            if (command.equals(DEMO)) {
                runDemo();
            } else {
                assertThat(SKIPPED).as("README command without a check here: " + command).containsKey(command);
                System.err.println("ReadmeCommandsTest: skipped '" + command + "': " + SKIPPED.get(command));
            }
        }
    }

    /**
     * The demo line: its build is the one running this test; the launcher part runs as written, with free ports
     * added (a Mosquitto or another test may hold the configuration's 1883 and 8080), until the dashboard is up.
     */
    private static void runDemo() throws Exception {
        Path log = Files.createTempFile("readme-demo-", ".log");
        Process demo = new ProcessBuilder("sh", "-c", DEMO.substring(DEMO.indexOf("&& ") + 3)
                + " --broker-port " + FreePort.loopback() + " --http-port " + FreePort.loopback())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("Dashboard: http://"));
            // sh runs the launcher as its child, which becomes the JVM: the gateway gets the SIGTERM, as from systemd.
            List<ProcessHandle> tree = demo.descendants().toList();
            tree.forEach(ProcessHandle::destroy);
            demo.destroy();
            assertThat(demo.waitFor(20, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle p : tree) assertThat(p.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(Files.readString(log)).contains("Demo running: scenario 'evening'").doesNotContain("Exception");
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** The commands of the ```sh blocks: one a line, without comments after them. */
    static List<String> commands(String readme) {
        List<String> commands = new ArrayList<>();
        boolean inShell = false;
        for (String line : readme.split("\n")) {
            if (line.startsWith("```")) {
                inShell = !inShell && line.equals("```sh");
                continue;
            }
            String command = line.replaceAll("\\s+#.*$", "").strip();
            if (inShell && !command.isEmpty() && !command.startsWith("#")) commands.add(command);
        }
        return commands;
    }
}
