package dev.hearth.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hearth run} is started without picocli (RunArguments); a failure must still end the process
 * with status 1 and the stack trace, as picocli ends a failed command, not leave it hanging.
 */
class RunFailureProcessTest {
    @TempDir
    Path dir;

    @Test
    void aGatewayThatCannotStartExitsWithStatusOneAndSaysWhy() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(config.resolve("automations"));
        Files.writeString(config.resolve("data"), "a file where the data directory should be");
        Files.writeString(config.resolve("gateway.yaml"), """
                gateway:
                  data_dir: data
                mqtt:
                  url: tcp://127.0.0.1:1
                http:
                  port: 0
                """);
        Files.writeString(config.resolve("devices.yaml"), "devices: []\n");

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-c", config.toString())
                .redirectErrorStream(true).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) p.destroyForcibly();

        assertThat(exited).as("exited by itself").isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("cannot create data directory");
    }
}
