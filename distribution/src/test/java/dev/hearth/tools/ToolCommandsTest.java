package dev.hearth.tools;

import dev.hearth.gateway.support.CommandLineRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.hearth.gateway.support.CommandLineRun.hearth;
import static org.assertj.core.api.Assertions.assertThat;

/** With the tools on the classpath, {@code hearth} has demo, verify and simulate besides its own commands. */
class ToolCommandsTest {

    @Test
    void theHelpListsTheToolsBesideTheGatewaysCommands() {
        CommandLineRun help = hearth("--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("  run ", "  check ", "  traces ", "  hash-password ", "  demo ", "  verify ", "  simulate ");
    }

    @Test
    void simulateIsTheSimulatorsCommandLineWithItsUsageAndExitStatuses(@TempDir Path dir) {
        CommandLineRun help = hearth("simulate", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: simulate", "--scenario", "verify", "load", "fault");

        CommandLineRun missing = hearth("simulate", "--broker", "tcp://127.0.0.1:1", "--scenario", dir.resolve("none.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("simulate: ", "none.yaml");

        CommandLineRun unknown = hearth("simulate", "--no-such-option");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--no-such-option");
    }

    @Test
    void anUnknownSubcommandIsStillAnError() {
        CommandLineRun unknown = hearth("no-such-command");

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument", "'no-such-command'");
    }
}
