package dev.hearth.gateway;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunArgumentsTest {

    @Test
    void theGatewaysOwnStartIsRecognisedWithItsConfigurationDirectory() {
        assertThat(RunArguments.of()).contains(new RunArguments(Path.of("config")));
        assertThat(RunArguments.of("run")).contains(new RunArguments(Path.of("config")));
        assertThat(RunArguments.of("run", "-c", "/etc/hearth")).contains(new RunArguments(Path.of("/etc/hearth")));
        assertThat(RunArguments.of("-c", "/etc/hearth")).contains(new RunArguments(Path.of("/etc/hearth")));
        assertThat(RunArguments.of("run", "--config", "home")).contains(new RunArguments(Path.of("home")));
        assertThat(RunArguments.of("--config=home")).contains(new RunArguments(Path.of("home")));
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        assertThat(RunArguments.of("check", "-c", "config")).isEmpty();
        assertThat(RunArguments.of("run", "--help")).isEmpty();
        assertThat(RunArguments.of("--version")).isEmpty();
        assertThat(RunArguments.of("run", "-c")).isEmpty();
        assertThat(RunArguments.of("run", "-c", "--help")).isEmpty();
        assertThat(RunArguments.of("run", "-c", "")).isEmpty();
        assertThat(RunArguments.of("run", "-c", "a", "b")).isEmpty();
        assertThat(RunArguments.of("run", "--conifg", "home")).isEmpty();
        assertThat(RunArguments.of("-c", "home", "run")).isEmpty();
        assertThat(RunArguments.of("demo")).isEmpty();
    }
}
